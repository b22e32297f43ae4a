import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { normaliseJob } from "../../../src/core/job.js";
import { extractSalary, parseSalaryText, yearlyTop } from "../../../src/core/salary.js";
import { plainText } from "../../../src/sources/html-text.js";
import { makeDraft } from "../../fakes/fake-source.js";
import { fixture } from "../../fixtures.js";

const json = (name: string) => JSON.parse(fixture(name).replace(/^\uFEFF/, ""));
const text = (html: string) => plainText(cheerio.load(html));

interface RemotiveJob {
  salary: string;
  description: string;
  candidate_required_location: string;
}
interface JobicyJob {
  id: number;
  jobDescription: string;
  annualSalaryMin?: string;
  annualSalaryMax?: string;
  jobGeo: string;
}
interface HimalayasJob {
  description: string;
  minSalary: number | null;
  maxSalary: number | null;
}
interface RemoteOkJob {
  description?: string;
  location?: string;
}

const remotive: RemotiveJob[] = json("remotive-api-2025.json").jobs;
const jobicy: JobicyJob[] = json("jobicy-api-2024.json").jobs;
const himalayas: HimalayasJob[] = json("himalayas-api-2025.json").jobs;
const remoteOk: RemoteOkJob[] = json("remoteok-api-2024.json").slice(1);

const year = (min: number | undefined, max: number | undefined, currency = "USD") => ({
  min,
  max,
  currency,
  period: "year",
});

describe("salaries as boards write them in a salary field (Remotive's, verbatim)", () => {
  it.each([
    ["$170k - $200k", year(170_000, 200_000)],
    ["up to $19/hour", { max: 19, currency: "USD", period: "hour" }],
    ["€80k-€110k", year(80_000, 110_000, "EUR")],
    ["$31,2k- $52k", year(31_200, 52_000)],
    ["$60k-$130k (depending on experience)", year(60_000, 130_000)],
    ["OTE $25k - $35k", year(25_000, 35_000)],
    ["$50-$75 /hour", { min: 50, max: 75, currency: "USD", period: "hour" }],
    ["$220k-$300k OTE", year(220_000, 300_000)],
    ["$10k", year(10_000, 10_000)],
  ])("%s", (field, salary) => {
    expect(remotive.map((job) => job.salary)).toContain(field);
    expect(parseSalaryText(field)).toEqual(JSON.parse(JSON.stringify(salary)));
  });

  it("reads every non-empty salary field of the capture", () => {
    const fields = remotive.map((job) => job.salary).filter(Boolean);
    expect(fields.length).toBeGreaterThan(10);
    for (const field of fields) expect(parseSalaryText(field), field).toBeDefined();
  });
});

describe("salaries stated in a posting's text", () => {
  it.each([
    ["$100,000 or more USD", { min: 100_000, currency: "USD", period: "year" }],
    ["Salary: $120k–$160k", year(120_000, 160_000)],
    ["Salary: €60-80k", year(60_000, 80_000, "EUR")],
    ["Rate: $90-$170/hr", { min: 90, max: 170, currency: "USD", period: "hour" }],
    ["between $119,880 and $178,200 per year", year(119_880, 178_200)],
    ["The pay range for this role is: $120,000 to 145,000 per year.", year(120_000, 145_000)],
    ["Compensation range for Canada applicants only $77,400 – $116,200 CAD", year(77_400, 116_200, "CAD")],
    ["Gehalt: 60.000 € - 75.000 €", year(60_000, 75_000, "EUR")],
    ["You'll earn an annual salary of $47,500 while you're training", year(47_500, 47_500)],
    ["Hiring ($300 to $500/day, or monthly/yearly equivalent)", { min: 300, max: 500, currency: "USD", period: "day" }],
    ["R$8.000 por mês de salário", undefined],
  ])("%s", (sentence, salary) => {
    expect(extractSalary(sentence)).toEqual(salary === undefined ? undefined : JSON.parse(JSON.stringify(salary)));
  });

  it.each([
    "Backed by $26M from leading investors including Blockchain Capital",
    "to streamline construction permitting in the $1.6 trillion United States construction market",
    "We just raised $1.1M, and we are looking to hire our 6th person.",
    "Professional Development Reimbursement of $2,500 each year",
    "$500 first year remote office setup + $400 each year following for new equipment",
    "Monthly internet reimbursement up to $75",
    "$1,600 WFH stipend upon joining",
    "PHP Backend Engineer / Web Dev ($5,000 referral bonus, even if you refer yourself!)",
    "This is a $2000 honorarium / unpaid internship.",
    "up to $25,000 for Surrogacy & Adoption financial assistance",
  ])("is not fooled by other amounts in real postings: %s", (sentence) => {
    expect(extractSalary(sentence)).toBeUndefined();
  });

  it("finds the salary Jobicy states in the description of each of its jobs with one (their own fields agree)", () => {
    const stated = jobicy.filter((job) => job.annualSalaryMin && job.id !== 96513);
    expect(stated.length).toBe(7);
    for (const job of stated) {
      const salary = extractSalary(text(job.jobDescription));
      expect({ min: salary?.min, max: salary?.max }, String(job.id)).toEqual({
        min: Number(job.annualSalaryMin),
        max: Number(job.annualSalaryMax),
      });
    }
    // The one whose text states none: Jobicy's figure comes from elsewhere, and only funding is mentioned.
    expect(extractSalary(text(jobicy.find((job) => job.id === 96513)?.jobDescription ?? ""))).toBeUndefined();
  });

  it("finds the salary Himalayas states in its descriptions, matching its own fields", () => {
    const found = himalayas
      .map((job) => ({ job, salary: extractSalary(text(job.description)) }))
      .filter(({ job, salary }) => salary?.min === job.minSalary && salary?.max === job.maxSalary);
    expect(found.map(({ job }) => job.minSalary)).toEqual(expect.arrayContaining([144_200, 90_000, 12_000, 55_388]));
  });

  it("reads only plausible salaries from every posting of the captured boards", () => {
    const postings = [
      ...remoteOk.map((job) => job.description ?? ""),
      ...remotive.map((job) => job.description),
      ...jobicy.map((job) => job.jobDescription),
      ...himalayas.map((job) => job.description),
    ].map(text);
    const salaries = postings.map((posting) => extractSalary(posting)).filter((s) => s !== undefined);
    expect(salaries.length).toBeGreaterThan(40);
    for (const salary of salaries) {
      expect(yearlyTop(salary)).toBeGreaterThanOrEqual(10_000);
      expect(yearlyTop(salary)).toBeLessThan(1_000_000);
    }
  });
});

describe("salaries in normalisation", () => {
  it("fills a job's salary from its title or description when the board gave none", () => {
    expect(normaliseJob(makeDraft({ title: "Rust engineer ($120k–$160k)" })).salary).toEqual(year(120_000, 160_000));
    expect(normaliseJob(makeDraft({ description: "Compensation: $90,000 - $110,000 a year" })).salary).toEqual(
      year(90_000, 110_000),
    );
    expect(normaliseJob(makeDraft({ description: "We raised $20M." }))).not.toHaveProperty("salary");
  });

  it("keeps the board's own salary over anything in the text", () => {
    const board = { min: 50, max: 60, currency: "EUR", period: "hour" } as const;
    expect(normaliseJob(makeDraft({ salary: board, description: "Salary: $120k–$160k" })).salary).toEqual(board);
  });

  it("annualises for comparison: hours, days, weeks and months", () => {
    expect(yearlyTop({ min: 50, max: 75, currency: "USD", period: "hour" })).toBe(156_000);
    expect(yearlyTop({ max: 500, currency: "USD", period: "day" })).toBe(130_000);
    expect(yearlyTop({ min: 2_000, currency: "USD", period: "week" })).toBe(104_000);
    expect(yearlyTop({ min: 5_000, max: 6_000, currency: "EUR", period: "month" })).toBe(72_000);
  });
});

describe("a salary followed by a visa note", () => {
  it.each(["$150k + H1B sponsorship", "$150,000 + H-1B"])("%s is $150k a year, not an hourly rate", (sentence) => {
    expect(parseSalaryText(sentence)).toEqual(year(150_000, 150_000));
  });
});
