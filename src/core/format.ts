/** Wording shared by every renderer, so an alert says the same thing on each platform. */
import type { Salary } from "./job.js";

/** "just now", "12 min ago", "3 h ago", "4 days ago". */
export function formatAge(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£" };
const PERIODS: Record<Salary["period"], string> = {
  year: "year",
  month: "month",
  week: "week",
  day: "day",
  hour: "hour",
};

function amount(value: number, currency: string): string {
  const symbol = SYMBOLS[currency];
  const short =
    value >= 1000 && value % 1000 === 0
      ? `${value / 1000}k`
      : value >= 10_000
        ? `${Math.round(value / 1000)}k`
        : String(value);
  return symbol ? `${symbol}${short}` : `${short} ${currency}`;
}

/** "$120k–$160k / year", "from €60k / year", "up to $90 / hour". */
export function formatSalary(salary: Salary): string {
  const { min, max, currency, period } = salary;
  const range =
    min !== undefined && max !== undefined && min !== max
      ? `${amount(min, currency)}–${amount(max, currency)}`
      : min !== undefined
        ? `${max === undefined ? "from " : ""}${amount(min, currency)}`
        : max !== undefined
          ? `up to ${amount(max, currency)}`
          : "";
  return range ? `${range} / ${PERIODS[period]}` : "";
}

const SOURCE_NAMES: Record<string, string> = {
  weworkremotely: "We Work Remotely",
  remoteok: "Remote OK",
  remotive: "Remotive",
  hackernews: "Hacker News",
  himalayas: "Himalayas",
  jobicy: "Jobicy",
  arbeitnow: "Arbeitnow",
  greenhouse: "Greenhouse",
  lever: "Lever",
  ashby: "Ashby",
  rss: "RSS feed",
};

/** The board's name as people know it, for "via …" lines (some boards' terms ask for it). */
export function sourceName(kind: string): string {
  return SOURCE_NAMES[kind] ?? kind;
}

/**
 * At most `max` UTF-16 units of plain text, cut at a word boundary when one is near and marked
 * with "…". Never splits a surrogate pair (an emoji cut in half is invalid UTF-8 for an API).
 * The one truncation every renderer uses; escaping comes after it.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uDC00-\uDFFF]/.test(text.charAt(end))) end -= 1;
  const space = text.lastIndexOf(" ", end);
  if (space > end * 0.8) end = space;
  return `${text.slice(0, end).trimEnd()}…`;
}
