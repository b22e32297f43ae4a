/**
 * Reads a salary that a board gives as text ("$170k - $200k", "€80k-€110k", "up to $19/hour",
 * "$31,2k- $52k") into Job.salary. Only a field or line that is about pay is given to it (Remotive's
 * `salary`, the salary part of a Hacker News first line), so it can be strict: no currency, no salary.
 */
import type { Salary, SalaryPeriod } from "../core/job.js";

const SYMBOLS: readonly [RegExp, string][] = [
  [/\b(?:US|USD)\s?\$|\$\s?USD/i, "USD"],
  [/\b(?:CA|CAD)\s?\$|C\$/i, "CAD"],
  [/\b(?:AU|AUD)\s?\$|A\$/i, "AUD"],
  [/\$/, "USD"],
  [/€/, "EUR"],
  [/£/, "GBP"],
  [/₹/, "INR"],
];
const CODES = /\b(USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|JPY|SGD|NZD|BRL|MXN|CZK|HUF|RON|ILS|ZAR)\b/i;

const PERIODS: readonly [RegExp, SalaryPeriod][] = [
  [/\/\s*h(ou)?r\b|\bper\s+hour\b|\bhourly\b|\/\s*h\b|\ban?\s+hour\b/i, "hour"],
  [/\/\s*day\b|\bper\s+day\b|\bdaily\b|\ba\s+day\b/i, "day"],
  [/\/\s*w(ee)?k\b|\bper\s+week\b|\bweekly\b/i, "week"],
  [/\/\s*mo(nth)?\b|\bper\s+month\b|\bmonthly\b|\ba\s+month\b|\bp\.?m\.?$/i, "month"],
  [/\/\s*y(ea)?r\b|\bper\s+(year|annum)\b|\byearly\b|\bannual(ly)?\b|\bp\.?a\.?\b|\ba\s+year\b/i, "year"],
];

/** One number as written: "170k", "31,2k" (a decimal comma), "120,000", "120.000", "1.5M". */
const NUMBER = /(\d{1,3}(?:[.,\s]\d{3})+|\d+(?:[.,]\d{1,2})?)\s*([kKmM])?(?![\d])/g;

function valueOf(digits: string, suffix: string | undefined): number {
  // A separator followed by exactly three digits groups thousands; otherwise it is a decimal point.
  const grouped = /[.,\s]\d{3}$/.test(digits) && !/[.,]\d{1,2}$/.test(digits);
  const plain = grouped ? digits.replace(/[.,\s]/g, "") : digits.replace(",", ".");
  const multiplier = suffix === undefined ? 1 : /k/i.test(suffix) ? 1000 : 1_000_000;
  return Math.round(Number(plain) * multiplier);
}

function currencyOf(textValue: string): string | undefined {
  const code = CODES.exec(textValue)?.[1];
  for (const [pattern, currency] of SYMBOLS) if (pattern.test(textValue)) return currency;
  return code?.toUpperCase();
}

/** Without a stated period, the size says it: under 1,000 is hourly, under 10,000 monthly, else yearly. */
function periodOf(textValue: string, largest: number): SalaryPeriod {
  for (const [pattern, period] of PERIODS) if (pattern.test(textValue)) return period;
  return largest < 1000 ? "hour" : largest < 10_000 ? "month" : "year";
}

export function parseSalaryText(raw: string): Salary | undefined {
  const textValue = raw.replace(/\u00a0/g, " ").trim();
  const currency = currencyOf(textValue);
  if (!currency) return undefined;
  const found = [...textValue.matchAll(NUMBER)].slice(0, 2).map((match) => ({ digits: match[1] as string, suffix: match[2] }));
  if (found.length === 0) return undefined;
  // "150-200k": the unit written once applies to both ends.
  const [first, second] = found;
  if (first && second && first.suffix === undefined && second.suffix !== undefined && Number(first.digits) < 1000) first.suffix = second.suffix;
  const values = found.map(({ digits, suffix }) => valueOf(digits, suffix)).filter((value) => value > 0 && value < 100_000_000);
  if (values.length === 0) return undefined;

  const low = Math.min(...values);
  const high = Math.max(...values);
  const period = periodOf(textValue, high);
  if (values.length === 1 && /\b(up\s+to|max(imum)?)\b/i.test(textValue)) return { max: high, currency, period };
  if (values.length === 1 && /\b(from|starting|min(imum)?)\b|\+/i.test(textValue)) return { min: low, currency, period };
  return { min: low, max: high, currency, period };
}
