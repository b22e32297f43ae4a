/**
 * Remotive: https://remotive.com/api/remote-jobs, an envelope with notices and a `jobs` list.
 * Terms: link back to the Remotive job page and name Remotive; at most about four requests a day
 * (its floor in the registry is 6 h). `publication_date` has no zone (it is UTC), `salary` is free
 * text ("$170k - $200k", "up to $19/hour"), and some responses start with a byte order mark.
 */
import type { JobDraft } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { ACCEPT_JSON, endpointSource, endpointSourceId } from "./endpoint-source.js";
import { dateMs, displayText, httpUrl, strings, text } from "./field-values.js";
import { htmlText } from "./html-text.js";
import type { HttpClient } from "./http.js";
import { arrayAt, collectJobs, isRecord, parseJson, parseSlices, shapeOf, type ParsedJobs } from "./payload.js";
import { parseSalaryText } from "../core/salary.js";

const KIND = "remotive";
export const REMOTIVE_API = "https://remotive.com/api/remote-jobs";

const JOB_TYPES: Readonly<Record<string, string>> = {
  full_time: "Full-time",
  part_time: "Part-time",
  contract: "Contract",
  freelance: "Freelance",
  internship: "Internship",
  other: "Other",
};

export function remotiveSource({
  url = REMOTIVE_API,
  http,
  minIntervalMs,
}: {
  url?: string;
  http: HttpClient;
  minIntervalMs: number;
}): JobSource {
  const id = endpointSourceId(KIND, url, REMOTIVE_API);
  return endpointSource({
    id,
    kind: KIND,
    label: "Remotive",
    url,
    http,
    minIntervalMs,
    accept: ACCEPT_JSON,
    emptyIsBroken: true,
    parse: parseRemotive,
  });
}

export async function parseRemotive(body: string, log: Logger, slices: Slices = parseSlices()): Promise<ParsedJobs> {
  const jobs = arrayAt(parseJson(body), "jobs", "the Remotive job list");
  return collectJobs(
    jobs,
    parseItem,
    log,
    (item, index) => (isRecord(item) ? text(item["title"]) : "") || `item ${index + 1}`,
    slices,
  );
}

function parseItem(item: unknown): JobDraft | string {
  if (!isRecord(item)) return `not an object (${shapeOf(item)})`;
  const id = text(item["id"]).trim();
  const title = displayText(item["title"]);
  const url = httpUrl(item["url"]);
  const postedAt = dateMs(item["publication_date"]);
  if (!id) return "no id";
  if (!title) return "no title";
  if (!url) return "no job page URL";
  if (postedAt === undefined) return "no valid publication_date";

  const job: JobDraft = {
    id: `${KIND}:${id}`,
    source: KIND,
    url,
    title,
    company: displayText(item["company_name"]),
    location: displayText(item["candidate_required_location"]),
    remote: true,
    tags: strings(item["tags"]).map(displayText),
    postedAt,
    // The tracking pixel at the end is an <img>: it has no text, so htmlText drops it.
    description: htmlText(text(item["description"])),
  };
  const category = displayText(item["category"]);
  if (category) job.category = category;
  const jobType = text(item["job_type"]);
  if (jobType) job.employmentType = JOB_TYPES[jobType] ?? displayText(jobType.replace(/_/g, " "));
  const salary = parseSalaryText(displayText(item["salary"]));
  if (salary) job.salary = salary;
  const logoUrl = httpUrl(item["company_logo_url"]) ?? httpUrl(item["company_logo"]);
  if (logoUrl) job.logoUrl = logoUrl;
  return job;
}
