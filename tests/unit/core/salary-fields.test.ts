import { describe, expect, it } from "vitest";
import { parseSalaryText } from "../../../src/core/salary.js";

describe("parseSalaryText, on boards' salary fields", () => {
  it.each([
    ["$170k - $200k", { min: 170000, max: 200000, currency: "USD", period: "year" }],
    ["€80k-€110k", { min: 80000, max: 110000, currency: "EUR", period: "year" }],
    ["$31,2k- $52k", { min: 31200, max: 52000, currency: "USD", period: "year" }],
    ["$60k-$130k (depending on experience)", { min: 60000, max: 130000, currency: "USD", period: "year" }],
    ["OTE $25k - $35k", { min: 25000, max: 35000, currency: "USD", period: "year" }],
    ["up to $19/hour", { max: 19, currency: "USD", period: "hour" }],
    ["$50-$75 /hour", { min: 50, max: 75, currency: "USD", period: "hour" }],
    ["$120,000 - $160,000", { min: 120000, max: 160000, currency: "USD", period: "year" }],
    ["150-200k USD", { min: 150000, max: 200000, currency: "USD", period: "year" }],
    ["£60,000–£80,000 per annum", { min: 60000, max: 80000, currency: "GBP", period: "year" }],
    ["€4.500 - €5.500 per month", { min: 4500, max: 5500, currency: "EUR", period: "month" }],
    ["CA$90k-110k", { min: 90000, max: 110000, currency: "CAD", period: "year" }],
    ["from $140k", { min: 140000, currency: "USD", period: "year" }],
    ["$10k", { min: 10000, max: 10000, currency: "USD", period: "year" }],
  ])("reads %j", (text, salary) => {
    expect(parseSalaryText(text)).toEqual(salary);
  });

  it.each(["", "Competitive", "150-200k", "DOE", "$", "equity only", "$1.2M"])("finds no salary in %j", (text) => {
    expect(parseSalaryText(text)).toBeUndefined();
  });
});
