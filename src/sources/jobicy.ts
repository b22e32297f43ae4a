/**
 * Jobicy: https://jobicy.com/api/v2/remote-jobs, asked for at most once an hour (its floor). The
 * format drifted: 2024 sends an envelope with `jobs`, "YYYY-MM-DD hh:mm:ss" dates (UTC) and
 * `annualSalaryMin`/`annualSalaryMax` as strings; 2026 sends ISO-8601 `pubDate` and, in the
 * captures we have, a bare array. Both are read, as are the newer `salaryMin`/`salaryMax`/`salaryPeriod`.
 */
import type { JobDraft, Salary, SalaryPeriod } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { ACCEPT_JSON, endpointSource, endpointSourceId } from "./endpoint-source.js";
import { amount, dateMs, displayText, httpUrl, strings, text } from "./field-values.js";
import { htmlText } from "./html-text.js";
import type { HttpClient } from "./http.js";
import { arrayAt, collectJobs, isRecord, parseJson, parseSlices, type ParsedJobs } from "./payload.js";

const KIND = "jobicy";
/** 50 is the most the API gives in one call. */
export const JOBICY_API = "https://jobicy.com/api/v2/remote-jobs?count=50";

const PERIODS: Readonly<Record<string, SalaryPeriod>> = {
  year: "year",
  yearly: "year",
  annual: "year",
  month: "month",
  monthly: "month",
  week: "week",
  weekly: "week",
  day: "day",
  daily: "day",
  hour: "hour",
  hourly: "hour",
};

export function jobicySource({
  url = JOBICY_API,
  http,
  minIntervalMs,
}: {
  url?: string;
  http: HttpClient;
  minIntervalMs: number;
}): JobSource {
  const id = endpointSourceId(KIND, url, JOBICY_API);
  return endpointSource({
    id,
    kind: KIND,
    label: "Jobicy",
    url,
    http,
    minIntervalMs,
    accept: ACCEPT_JSON,
    emptyIsBroken: true,
    parse: parseJobicy,
  });
}

export async function parseJobicy(body: string, log: Logger, slices: Slices = parseSlices()): Promise<ParsedJobs> {
  const payload = parseJson(body);
  const jobs = Array.isArray(payload) ? payload : arrayAt(payload, "jobs", "the Jobicy job list");
  return collectJobs(
    jobs,
    parseItem,
    log,
    (item, index) => (isRecord(item) ? text(item["jobTitle"]) : "") || `item ${index + 1}`,
    slices,
  );
}

function parseItem(item: unknown): JobDraft | string {
  if (!isRecord(item)) return "not an object";
  const id = text(item["id"]).trim();
  const title = displayText(item["jobTitle"]);
  const url = httpUrl(item["url"]);
  const postedAt = dateMs(item["pubDate"]);
  if (!id) return "no id";
  if (!title) return "no jobTitle";
  if (!url) return "no job page URL";
  if (postedAt === undefined) return "no valid pubDate";

  const industries = strings(item["jobIndustry"]).map(displayText);
  const level = displayText(item["jobLevel"]);
  const job: JobDraft = {
    id: `${KIND}:${id}`,
    source: KIND,
    url,
    title,
    company: displayText(item["companyName"]),
    location: displayText(item["jobGeo"]),
    remote: true,
    tags: level && level !== "Any" ? [...industries, level] : industries,
    postedAt,
    description: htmlText(text(item["jobDescription"]) || text(item["jobExcerpt"])),
  };
  if (industries[0]) job.category = industries[0];
  const types = strings(item["jobType"]).map(displayText);
  if (types.length > 0) job.employmentType = types.map(capitalise).join(", ");
  const salary = salaryOf(item);
  if (salary) job.salary = salary;
  const logoUrl = httpUrl(item["companyLogo"]);
  if (logoUrl) job.logoUrl = logoUrl;
  return job;
}

function salaryOf(item: Record<string, unknown>): Salary | undefined {
  const min = amount(item["annualSalaryMin"] ?? item["salaryMin"]);
  const max = amount(item["annualSalaryMax"] ?? item["salaryMax"]);
  if (min === undefined && max === undefined) return undefined;
  const period =
    item["annualSalaryMin"] !== undefined || item["annualSalaryMax"] !== undefined
      ? "year"
      : (PERIODS[text(item["salaryPeriod"]).toLowerCase()] ?? "year");
  const currency = text(item["salaryCurrency"]).trim().toUpperCase() || "USD";
  return { ...(min !== undefined && { min }), ...(max !== undefined && { max }), currency, period };
}

/** "full-time" → "Full-time", as the 2026 format writes it. */
function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1).toLowerCase();
}
