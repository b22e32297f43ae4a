/**
 * Remote OK: one JSON array at https://remoteok.com/api. Element 0 is the legal notice (terms:
 * link back to the Remote OK job page and name Remote OK), the rest are jobs. Its quirks: titles
 * and companies entity-escaped ("CI&amp;T"), text that went through a Latin-1 decode
 * ("SÃ£o Paulo"), salary_min/salary_max of 0 for "not stated", `epoch` in seconds, and an
 * anti-spam "Please mention the word …" paragraph appended to every description, and the odd
 * posting whose `url` is the employer's site rather than the Remote OK page.
 */
import type { JobDraft } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { ACCEPT_JSON, endpointSource, endpointSourceId } from "./endpoint-source.js";
import { amount, dateMs, displayText, epochMs, httpUrl, repairMojibake, strings, text } from "./field-values.js";
import { htmlText } from "./html-text.js";
import type { HttpClient } from "./http.js";
import { collectJobs, isRecord, parseJson, parseSlices, PayloadError, shapeOf, type ParsedJobs } from "./payload.js";

const KIND = "remoteok";
export const REMOTEOK_API = "https://remoteok.com/api";

/** The anti-spam line RemoteOK appends, with the <br>s before it; it is about applying there, not the job. */
const ANTI_SPAM = /(?:\s*<br\s*\/?>)*\s*Please mention the word\b[\s\S]*$/i;

export function remoteOkSource({
  url = REMOTEOK_API,
  http,
  minIntervalMs,
}: {
  url?: string;
  http: HttpClient;
  minIntervalMs: number;
}): JobSource {
  const id = endpointSourceId(KIND, url, REMOTEOK_API);
  return endpointSource({
    id,
    kind: KIND,
    label: "Remote OK",
    url,
    http,
    minIntervalMs,
    accept: ACCEPT_JSON,
    emptyIsBroken: true,
    parse: parseRemoteOk,
  });
}

export async function parseRemoteOk(body: string, log: Logger, slices: Slices = parseSlices()): Promise<ParsedJobs> {
  const payload = parseJson(body);
  if (!Array.isArray(payload)) throw new PayloadError(`not the Remote OK job list: got ${shapeOf(payload)}`);
  // The legal notice (and anything else that is not a posting) has no id and position.
  const postings = payload.filter(
    (item) => !(isRecord(item) && item["legal"] !== undefined && item["position"] === undefined),
  );
  return collectJobs(
    postings,
    parseItem,
    log,
    (item, index) => (isRecord(item) ? text(item["position"]) || text(item["id"]) : "") || `item ${index + 1}`,
    slices,
  );
}

function parseItem(item: unknown): JobDraft | string {
  if (!isRecord(item)) return `not an object (${shapeOf(item)})`;
  const id = text(item["id"]).trim();
  const title = displayText(item["position"]);
  const url = jobPage(item);
  const postedAt = epochMs(item["epoch"]) ?? dateMs(item["date"]);
  if (!id) return "no id";
  if (!title) return "no position";
  if (!url) return "no job page URL";
  if (postedAt === undefined) return "no valid date";

  const job: JobDraft = {
    id: `${KIND}:${id}`,
    source: KIND,
    url,
    title,
    company: displayText(item["company"]),
    location: displayText(item["location"]),
    remote: true, // Remote OK lists remote jobs only; location says where from
    tags: strings(item["tags"]).map(displayText),
    postedAt,
    description: description(text(item["description"])),
  };
  const min = amount(item["salary_min"]);
  const max = amount(item["salary_max"]);
  if (min !== undefined || max !== undefined)
    job.salary = {
      ...(min !== undefined && { min }),
      ...(max !== undefined && { max }),
      currency: "USD",
      period: "year",
    };
  const logoUrl = httpUrl(item["company_logo"]) ?? httpUrl(item["logo"]);
  if (logoUrl) job.logoUrl = logoUrl;
  return job;
}

/**
 * The posting's page on Remote OK, which its terms ask alerts to link to. Some postings ("original")
 * carry the employer's own application link in `url`: the page is then rebuilt from the slug.
 */
function jobPage(item: Record<string, unknown>): string | undefined {
  const url = httpUrl(item["url"]);
  if (url && new URL(url).hostname === "remoteok.com") return url;
  const slug = text(item["slug"]).trim();
  return /^[\w-]+$/.test(slug) ? `https://remoteok.com/remote-jobs/${slug}` : url;
}

function description(html: string): string {
  return htmlText(repairMojibake(html.replace(ANTI_SPAM, "")));
}
