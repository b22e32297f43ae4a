/**
 * Lever company boards: https://api.lever.co/v0/postings/<company>?mode=json, every published
 * posting of one company. Postings carry no company name, so the board's stands in. The text is
 * spread over `descriptionPlain`, `lists` (HTML list items under a heading) and `additionalPlain`;
 * `salaryRange` is structured, with an interval such as "per-year-salary" or "per-hour-wage".
 */
import type { JobDraft, Salary, SalaryPeriod } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { companyBoardSource } from "./endpoint-source.js";
import { amount, displayText, epochMs, httpUrl, strings, text } from "./field-values.js";
import { htmlText } from "./html-text.js";
import type { HttpClient } from "./http.js";
import { collectJobs, isRecord, parseJson, parseSlices, PayloadError, shapeOf, type ParsedJobs } from "./payload.js";

const KIND = "lever";

export function leverUrl(company: string): string {
  return `https://api.lever.co/v0/postings/${encodeURIComponent(company)}?mode=json`;
}

export function leverSource({
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
    brand: "Lever",
    board,
    urlOf: leverUrl,
    namePattern: /\/postings\/([^/?#]+)/,
    http,
    minIntervalMs,
    parse: parseLever,
  });
}

export async function parseLever(
  body: string,
  company: string,
  log: Logger,
  slices: Slices = parseSlices(),
): Promise<ParsedJobs> {
  const payload = parseJson(body);
  // An unknown company answers {"ok":false,"error":"Document not found"} (with a 404, usually).
  if (isRecord(payload) && typeof payload["error"] === "string")
    throw new PayloadError(`Lever says: ${payload["error"].slice(0, 80)}`);
  if (!Array.isArray(payload)) throw new PayloadError(`not a Lever posting list: got ${shapeOf(payload)}`);
  return collectJobs(
    payload,
    (item) => parseItem(item, company),
    log,
    (item, index) => (isRecord(item) ? text(item["text"]) : "") || `item ${index + 1}`,
    slices,
  );
}

function parseItem(item: unknown, company: string): JobDraft | string {
  if (!isRecord(item)) return "not an object";
  const id = text(item["id"]).trim();
  const title = displayText(item["text"]);
  const url = httpUrl(item["hostedUrl"]);
  const postedAt = epochMs(item["createdAt"]);
  if (!id) return "no id";
  if (!title) return "no text (title)";
  if (!url) return "no hostedUrl";
  if (postedAt === undefined) return "no valid createdAt";

  const categories = isRecord(item["categories"]) ? item["categories"] : {};
  const locations = strings(categories["allLocations"]).map(displayText);
  const location = locations.length > 1 ? locations.join("; ") : displayText(categories["location"]);
  const workplace = text(item["workplaceType"]).toLowerCase();
  const job: JobDraft = {
    id: `${KIND}:${id}`,
    source: KIND,
    url,
    title,
    company,
    location,
    remote:
      workplace === "remote" || (workplace !== "on-site" && workplace !== "hybrid" && /\bremote\b/i.test(location)),
    tags: workplace && workplace !== "unspecified" ? [workplace] : [],
    postedAt,
    description: describe(item),
  };
  const category = displayText(categories["team"]) || displayText(categories["department"]);
  if (category) job.category = category;
  const commitment = displayText(categories["commitment"]);
  if (commitment) job.employmentType = commitment;
  const salary = salaryOf(item["salaryRange"]);
  if (salary) job.salary = salary;
  return job;
}

/** The opening and body, each list under its heading, then the closing text. */
function describe(item: Record<string, unknown>): string {
  const html = (value: unknown) => htmlText(text(value));
  const opening = text(item["descriptionPlain"]).trim() || html(item["description"]);
  const lists = (Array.isArray(item["lists"]) ? item["lists"].filter(isRecord) : []).map((list) => {
    const heading = displayText(list["text"]);
    // The list's content is bare <li> elements (sometimes wrapped): give them a list to sit in.
    const items = html(`<ul>${text(list["content"])}</ul>`);
    return heading ? `${heading}\n${items}` : items;
  });
  const closing = text(item["additionalPlain"]).trim() || html(item["additional"]);
  return [opening, ...lists, closing].filter(Boolean).join("\n\n");
}

const INTERVALS: Readonly<Record<string, SalaryPeriod>> = {
  "per-year-salary": "year",
  "per-month-salary": "month",
  "per-week-salary": "week",
  "per-day-wage": "day",
  "per-hour-wage": "hour",
};

function salaryOf(range: unknown): Salary | undefined {
  if (!isRecord(range)) return undefined;
  const min = amount(range["min"]);
  const max = amount(range["max"]);
  const currency = text(range["currency"]).trim().toUpperCase();
  if ((min === undefined && max === undefined) || !currency) return undefined;
  return {
    ...(min !== undefined && { min }),
    ...(max !== undefined && { max }),
    currency,
    period: INTERVALS[text(range["interval"])] ?? "year",
  };
}
