/**
 * Salaries written as text, into {min, max, currency, period}: "$120k–$160k", "€60-80k",
 * "$90-$170/hr", "$100,000 or more USD", "up to $19/hour", "between $119,880 and $178,200 per year".
 *
 * parseSalaryText reads a board's salary field, which is a salary by definition. extractSalary
 * reads a whole posting, where most amounts are not salaries ("raised $26M", "$500 home-office
 * budget", "$2,500 each year for courses"): there an amount counts only as a range, or after a word
 * like "salary" or "compensation", and only when it names a period or looks like a yearly figure.
 * Millions and billions are never salaries. The patterns here are fixed; nothing a board or a
 * person writes becomes a regular expression.
 */
import type { Salary, SalaryPeriod } from "./job.js";

// Bounded repetitions: a posting full of digits must not make matching slow.
const NUMBER = String.raw`\d{1,3}(?:[,.]\d{3}){1,4}(?:[.,]\d{1,2})?|\d{1,9}(?:[.,]\d{1,2})?`;
const PREFIX = String.raw`(?:US|CA|AU|NZ|C|A|R)?\$|€|£|\b(?:USD|EUR|GBP|CAD|AUD|NZD|CHF)\s?`;
const SUFFIX = String.raw`€|£|\b(?:USD|EUR|GBP|CAD|AUD|NZD|CHF)\b`;
const MULTIPLIER = String.raw`k\b|thousand\b|mm?\b|million\b|bn\b|billion\b|trillion\b`;
const AMOUNT = `(${PREFIX})?(${NUMBER})(?:\\s?(${MULTIPLIER}))?(?:\\s?(${SUFFIX}))?`;

/** An amount with a currency before or after it: where a salary can start. */
const CURRENCY_AMOUNT = new RegExp(
  `(?:${PREFIX})(?:${NUMBER})|(?:${NUMBER})(?:\\s?(?:${MULTIPLIER}))?\\s?(?:${SUFFIX})`,
  "gi",
);
/** One amount exactly at lastIndex. */
const AMOUNT_AT = new RegExp(AMOUNT, "iy");
// "$144,200$170,000" (a board's two fields run together) joins with nothing between.
const RANGE_JOIN = /\s*(?:-|–|—|to|and)\s*|(?=[$€£])/iy;
// "+" right after the number ("$120k+"); "$120,000 + bonus" is not open-ended.
const OPEN_ENDED = /(?:\+|\s*(?:or more|or higher|and up|and above))(?:\s*(USD|EUR|GBP|CAD|AUD|NZD|CHF)\b)?/iy;
const PERIOD_AFTER =
  /\s*\+?\s*(?:\/\s*|per\s+|an?\s+|each\s+)?(hour|hr|h|hourly|day|daily|week|wk|weekly|month|mo|monthly|year|yr|annum|annually|annual|yearly|p\.a\.)(?![a-z\d-])/iy;
const PERIOD_BEFORE = /\b(hourly|daily|weekly|monthly|annual|annually|yearly)\b[^.$€£\n]{0,40}$/i;
const SALARY_WORD =
  /\b(salary|salaries|compensation|pay|paid|base|wage|wages|ote|earn|earnings|rate|remuneration)\b[^.\n]{0,60}$/i;
const UP_TO = /\bup to\s*$/i;
const FROM = /\b(?:from|starting at)\s*$/i;
const BETWEEN = /\bbetween\s*$/i;

const CURRENCIES: Readonly<Record<string, string>> = {
  $: "USD",
  us$: "USD",
  ca$: "CAD",
  c$: "CAD",
  au$: "AUD",
  a$: "AUD",
  nz$: "NZD",
  r$: "BRL",
  "€": "EUR",
  "£": "GBP",
};
const PERIODS: Readonly<Record<string, SalaryPeriod>> = {
  hour: "hour",
  hr: "hour",
  h: "hour",
  hourly: "hour",
  day: "day",
  daily: "day",
  week: "week",
  wk: "week",
  weekly: "week",
  month: "month",
  mo: "month",
  monthly: "month",
};
const PER_YEAR: Readonly<Record<SalaryPeriod, number>> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };

/** A yearly figure below this, with no period named, is more likely a budget or a bonus. */
const LOWEST_UNSTATED_YEARLY = 10_000;
const HIGHEST_YEARLY = 2_000_000;
/** "$40k–$400k" is not a salary range anyone states. */
const WIDEST_RANGE = 5;

interface Amount {
  value: number;
  currency?: string;
  /** k, or millions and beyond (which rule the amount out). */
  multiplier?: string;
  start: number;
  end: number;
}

/** The salary a board's salary field states, e.g. Remotive's "$170k - $200k" or "up to $19/hour". */
export function parseSalaryText(text: string): Salary | undefined {
  const matches = [...text.matchAll(CURRENCY_AMOUNT)];
  // A field may name its currency only after a range ("150-200k USD"): then the range starts at
  // the first number, before the first amount that carries a currency.
  const firstNumber = /\d/.exec(text)?.index;
  if (firstNumber !== undefined && matches[0] && firstNumber < matches[0].index) {
    const range = salaryAt(text, firstNumber, false);
    if (range && range.min !== range.max) return range;
  }
  for (const match of matches) {
    const salary = salaryAt(text, match.index, false);
    if (salary) return salary;
  }
  return undefined;
}

/** The salary a posting states in its text, if one can be told apart from other amounts. */
export function extractSalary(text: string): Salary | undefined {
  for (const match of text.matchAll(CURRENCY_AMOUNT)) {
    const salary = salaryAt(text, match.index, true);
    if (salary) return salary;
  }
  return undefined;
}

/** An amount as a person writes one in a query: "120k", "$120,000", "€90k", "120000". */
export function parseAmount(text: string): { value: number; currency?: string } | undefined {
  const amount = amountAt(text, 0);
  if (!amount || amount.end !== text.length || isHuge(amount)) return undefined;
  return amount.currency ? { value: amount.value, currency: amount.currency } : { value: amount.value };
}

/** The top of the stated range as a yearly amount, for `salary>=`. */
export function yearlyTop(salary: Salary): number | undefined {
  const top = salary.max ?? salary.min;
  return top === undefined ? undefined : top * PER_YEAR[salary.period];
}

function salaryAt(text: string, start: number, prose: boolean): Salary | undefined {
  const first = amountAt(text, start);
  if (!first || isHuge(first)) return undefined;
  const before = text.slice(Math.max(0, start - 80), start);
  const second = secondAmount(text, first, before);
  if (second && isHuge(second)) return undefined;
  return (second && rangeSalary(text, before, first, second, prose)) || singleSalary(text, before, first, prose);
}

/** The other end of "$120k–$160k", "$120,000 to 145,000", "between $X and $Y". */
function secondAmount(text: string, first: Amount, before: string): Amount | undefined {
  RANGE_JOIN.lastIndex = first.end;
  const join = RANGE_JOIN.exec(text);
  if (!join) return undefined;
  if (join[0].trim().toLowerCase() === "and" && !BETWEEN.test(before)) return undefined;
  return amountAt(text, first.end + join[0].length);
}

function rangeSalary(text: string, before: string, first: Amount, second: Amount, prose: boolean): Salary | undefined {
  // "€60-80k": the thousands written once apply to both ends.
  const min =
    !first.multiplier && second.multiplier && first.value * 1000 <= second.value ? first.value * 1000 : first.value;
  const max = second.value;
  if (min > max || max > min * WIDEST_RANGE) return undefined;
  const period = periodAfter(text, second.end) ?? periodBefore(before);
  if (!period && (prose ? min : max) < LOWEST_UNSTATED_YEARLY) return undefined;
  return plausible({ min, max, currency: currencyOf(first, second), period: period ?? "year" });
}

function singleSalary(text: string, before: string, amount: Amount, prose: boolean): Salary | undefined {
  OPEN_ENDED.lastIndex = amount.end;
  const openEnded = OPEN_ENDED.exec(text);
  // "$100,000 or more" and "$150k+" are how salaries are advertised; other lone amounts need a word.
  if (prose && !openEnded && !SALARY_WORD.test(before)) return undefined;
  const period = periodAfter(text, amount.end) ?? periodBefore(before);
  if (!period && amount.value < LOWEST_UNSTATED_YEARLY) return undefined;
  const currency = openEnded?.[1]?.toUpperCase() ?? currencyOf(amount);
  if (openEnded) return plausible({ min: amount.value, currency, period: period ?? "year" });
  if (UP_TO.test(before)) return plausible({ max: amount.value, currency, period: period ?? "year" });
  if (FROM.test(before)) return plausible({ min: amount.value, currency, period: period ?? "year" });
  return plausible({ min: amount.value, max: amount.value, currency, period: period ?? "year" });
}

/** Nobody advertises a salary of millions a year: such an amount is revenue, funding or a typo. */
function plausible(salary: Salary): Salary | undefined {
  return (yearlyTop(salary) ?? 0) <= HIGHEST_YEARLY ? salary : undefined;
}

function amountAt(text: string, at: number): Amount | undefined {
  AMOUNT_AT.lastIndex = at;
  const match = AMOUNT_AT.exec(text);
  if (!match) return undefined;
  const [whole, prefix, digits = "", multiplier, suffix] = match;
  const unit = multiplier?.toLowerCase();
  const scale = unit === "k" || unit === "thousand" ? 1000 : 1;
  const marker = (suffix ?? prefix)?.trim().toLowerCase();
  return {
    value: Math.round(numberValue(digits) * scale),
    ...(marker ? { currency: CURRENCIES[marker] ?? marker.toUpperCase() } : {}),
    ...(unit ? { multiplier: unit } : {}),
    start: at,
    end: at + whole.length,
  };
}

/** "120,000" and "120.000" are thousands; "31,2" and "1.5" have decimals. */
function numberValue(digits: string): number {
  if (/^\d{1,3}(?:[,.]\d{3})+(?:[.,]\d{1,2})?$/.test(digits)) {
    const decimals = /[.,](\d{1,2})$/.exec(digits);
    const whole = (decimals ? digits.slice(0, -decimals[0].length) : digits).replace(/[,.]/g, "");
    return Number(`${whole}.${decimals?.[1] ?? "0"}`);
  }
  return Number(digits.replace(",", "."));
}

const isHuge = (amount: Amount) =>
  amount.multiplier !== undefined && amount.multiplier !== "k" && amount.multiplier !== "thousand";

/** A currency named at either end wins over a bare "$" ("$77,400 – $116,200 CAD"); "$" alone is USD. */
function currencyOf(first: Amount, second?: Amount): string {
  return [second?.currency, first.currency].find((currency) => currency !== undefined && currency !== "USD") ?? "USD";
}

function periodAfter(text: string, at: number): SalaryPeriod | undefined {
  PERIOD_AFTER.lastIndex = at;
  const word = PERIOD_AFTER.exec(text)?.[1]?.toLowerCase();
  return word === undefined ? undefined : (PERIODS[word] ?? "year");
}

function periodBefore(before: string): SalaryPeriod | undefined {
  const word = PERIOD_BEFORE.exec(before)?.[1]?.toLowerCase();
  return word === undefined ? undefined : (PERIODS[word] ?? "year");
}
