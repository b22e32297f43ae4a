/**
 * Greenhouse company boards: https://boards-api.greenhouse.io/v1/boards/<board>/jobs?content=true,
 * every open post of one company in one response. `content` is the posting's HTML escaped once
 * more ("&lt;p&gt;"): decoded once into HTML, then read as HTML (twice when it was escaped twice, as
 * in Greenhouse's own documentation example). Newer responses carry
 * `company_name` and `first_published`; older ones only `updated_at`, so the board name stands in.
 */
import type { JobDraft } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { companyBoardSource } from "./endpoint-source.js";
import { dateMs, decodeEntities, displayText, httpUrl, text } from "./field-values.js";
import { htmlText } from "./html-text.js";
import type { HttpClient } from "./http.js";
import { arrayAt, collectJobs, isRecord, parseJson, parseSlices, type ParsedJobs } from "./payload.js";

const KIND = "greenhouse";

export function greenhouseUrl(board: string): string {
  return `https://boards-api.greenhouse.io/v1/boards/${encodeURIComponent(board)}/jobs?content=true`;
}

/** `board` is a board token ("gitlab") or, for kind=URL, the endpoint, whose path names the board. */
export function greenhouseSource({
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
    brand: "Greenhouse",
    board,
    urlOf: greenhouseUrl,
    namePattern: /\/boards\/([^/?#]+)/,
    http,
    minIntervalMs,
    parse: parseGreenhouse,
  });
}

export async function parseGreenhouse(
  body: string,
  company: string,
  log: Logger,
  slices: Slices = parseSlices(),
): Promise<ParsedJobs> {
  const jobs = arrayAt(parseJson(body), "jobs", "a Greenhouse job board");
  return collectJobs(
    jobs,
    (item) => parseItem(item, company),
    log,
    (item, index) => (isRecord(item) ? text(item["title"]) : "") || `item ${index + 1}`,
    slices,
  );
}

function parseItem(item: unknown, boardCompany: string): JobDraft | string {
  if (!isRecord(item)) return "not an object";
  const id = text(item["id"]).trim();
  const title = displayText(item["title"]);
  const url = httpUrl(item["absolute_url"]);
  const postedAt = dateMs(item["first_published"]) ?? dateMs(item["updated_at"]);
  if (!id) return "no id";
  if (!title) return "no title";
  if (!url) return "no absolute_url";
  if (postedAt === undefined) return "no valid first_published or updated_at";

  const location = isRecord(item["location"]) ? displayText(item["location"]["name"]) : "";
  const metadata = Array.isArray(item["metadata"]) ? item["metadata"].filter(isRecord) : [];
  const metadataValue = (pattern: RegExp) =>
    displayText(metadata.find((entry) => pattern.test(text(entry["name"])))?.["value"]);
  const workplace = metadataValue(/workplace|remote/i);
  const job: JobDraft = {
    id: `${KIND}:${id}`,
    source: KIND,
    url,
    title,
    company: displayText(item["company_name"]) || boardCompany,
    location,
    remote: /\bremote\b/i.test(`${location} ${workplace}`),
    tags: [],
    postedAt,
    description: htmlText(contentHtml(text(item["content"]))),
  };
  const departments = Array.isArray(item["departments"]) ? item["departments"].filter(isRecord) : [];
  const category = displayText(departments[0]?.["name"]);
  if (category) job.category = category;
  const employmentType = metadataValue(/employment type|commitment/i);
  if (employmentType) job.employmentType = employmentType;
  return job;
}

function contentHtml(content: string): string {
  const once = decodeEntities(content);
  return /&lt;\/?[a-z]/i.test(once) && !/<\/?[a-z][^>]*>/i.test(once) ? decodeEntities(once) : once;
}
