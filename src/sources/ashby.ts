/**
 * Ashby company boards: https://api.ashbyhq.com/posting-api/job-board/<board>?includeCompensation=true,
 * every published posting of one company in one response. Postings with `isListed: false` are
 * published but hidden from the board: left out. The salary is the "Salary" component of
 * `compensation.summaryComponents` ("1 YEAR", "1 HOUR" intervals); there is no company name, so
 * the board's stands in.
 */
import type { JobDraft, Salary, SalaryPeriod } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { companyBoardSource } from "./endpoint-source.js";
import { amount, dateMs, displayText, httpUrl, text } from "./field-values.js";
import { htmlText } from "./html-text.js";
import type { HttpClient } from "./http.js";
import { arrayAt, collectJobs, isRecord, parseJson, parseSlices, type ParsedJobs } from "./payload.js";

const KIND = "ashby";

export function ashbyUrl(board: string): string {
  return `https://api.ashbyhq.com/posting-api/job-board/${encodeURIComponent(board)}?includeCompensation=true`;
}

export function ashbySource({
  board,
  http,
  minIntervalMs,
}: {
  board: string;
  http: HttpClient;
  minIntervalMs: number;
}): JobSource {
  return companyBoardSource({
    kind: KIND,
    brand: "Ashby",
    board,
    urlOf: ashbyUrl,
    namePattern: /\/job-board\/([^/?#]+)/,
    http,
    minIntervalMs,
    parse: parseAshby,
  });
}

export async function parseAshby(
  body: string,
  company: string,
  log: Logger,
  slices: Slices = parseSlices(),
): Promise<ParsedJobs> {
  const listed = arrayAt(parseJson(body), "jobs", "an Ashby job board").filter(
    (job) => !(isRecord(job) && job["isListed"] === false),
  );
  return collectJobs(
    listed,
    (item) => parseItem(item, company),
    log,
    (item, index) => (isRecord(item) ? text(item["title"]) : "") || `item ${index + 1}`,
    slices,
  );
}

const EMPLOYMENT: Readonly<Record<string, string>> = {
  FullTime: "Full-time",
  PartTime: "Part-time",
  Intern: "Internship",
  Contract: "Contract",
  Temporary: "Temporary",
};

function parseItem(item: unknown, company: string): JobDraft | string {
  if (!isRecord(item)) return "not an object";
  const id = text(item["id"]).trim();
  const title = displayText(item["title"]);
  const url = httpUrl(item["jobUrl"]);
  const postedAt = dateMs(item["publishedAt"]);
  if (!id) return "no id";
  if (!title) return "no title";
  if (!url) return "no jobUrl";
  if (postedAt === undefined) return "no valid publishedAt";

  const secondary = (Array.isArray(item["secondaryLocations"]) ? item["secondaryLocations"].filter(isRecord) : []).map(
    (entry) => displayText(entry["location"]),
  );
  const location = [displayText(item["location"]), ...secondary].filter(Boolean).join("; ");
  const workplace = text(item["workplaceType"]);
  const job: JobDraft = {
    id: `${KIND}:${id}`,
    source: KIND,
    url,
    title,
    company,
    location,
    remote: item["isRemote"] === true || /^remote$/i.test(workplace),
    tags: [displayText(item["team"]), workplace.toLowerCase()].filter(Boolean),
    postedAt,
    description: text(item["descriptionPlain"]).trim() || htmlText(text(item["descriptionHtml"])),
  };
  const department = isRecord(item["department"])
    ? displayText(item["department"]["name"])
    : displayText(item["department"]);
  if (department) job.category = department;
  const employmentType = text(item["employmentType"]);
  if (employmentType) job.employmentType = EMPLOYMENT[employmentType] ?? displayText(employmentType);
  const salary = salaryOf(item["compensation"]);
  if (salary) job.salary = salary;
  return job;
}

const INTERVALS: Readonly<Record<string, SalaryPeriod>> = {
  "1 YEAR": "year",
  "1 MONTH": "month",
  "1 WEEK": "week",
  "1 DAY": "day",
  "1 HOUR": "hour",
};

function salaryOf(compensation: unknown): Salary | undefined {
  if (!isRecord(compensation) || !Array.isArray(compensation["summaryComponents"])) return undefined;
  const component = compensation["summaryComponents"]
    .filter(isRecord)
    .find((entry) => entry["compensationType"] === "Salary");
  if (!component) return undefined;
  const min = amount(component["minValue"]);
  const max = amount(component["maxValue"]);
  const currency = text(component["currencyCode"]).trim().toUpperCase();
  const period = INTERVALS[text(component["interval"]).toUpperCase()];
  if ((min === undefined && max === undefined) || !currency || !period) return undefined;
  return { ...(min !== undefined && { min }), ...(max !== undefined && { max }), currency, period };
}
