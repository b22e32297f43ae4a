/**
 * Arbeitnow: https://www.arbeitnow.com/api/job-board-api?page=N, following `links.next`, at most
 * MAX_PAGES pages (100 jobs each) per fetch. Not remote-only: `remote` is a boolean, kept as
 * Job.remote. `created_at` is unix seconds. Captures without `links`/`meta` (or a bare array) are
 * one page.
 */
import type { JobDraft } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { ACCEPT_JSON, endpointSourceId } from "./endpoint-source.js";
import { displayText, epochMs, httpUrl, strings, text } from "./field-values.js";
import { htmlText } from "./html-text.js";
import { hostOf, type HttpClient } from "./http.js";
import { fetchPages } from "./paged.js";
import { arrayAt, checkJobs, collectJobs, isRecord, parseJson, parseSlices } from "./payload.js";
import type { Page } from "./paged.js";

const KIND = "arbeitnow";
export const ARBEITNOW_API = "https://www.arbeitnow.com/api/job-board-api";
export const ARBEITNOW_MAX_PAGES = 3;

export function arbeitnowSource({
  url = ARBEITNOW_API,
  http,
  minIntervalMs,
}: {
  url?: string;
  http: HttpClient;
  minIntervalMs: number;
}): JobSource {
  const id = endpointSourceId(KIND, url, ARBEITNOW_API);
  const host = hostOf(url);
  return {
    id,
    kind: KIND,
    label: "Arbeitnow",
    host,
    minIntervalMs,
    async fetch(request, log) {
      const fetchPage = async (pageUrl: string): Promise<Page> => {
        const response = await http.get(pageUrl, { sourceId: id, accept: ACCEPT_JSON });
        if (response.status === "not-modified") return { jobs: [], skipped: 0 };
        const page = await parseArbeitnow(response.body, log, parseSlices(request.signal));
        // Only follow a next link to the same host: a payload does not get to send us elsewhere.
        return page.next !== undefined && hostOf(page.next) !== host
          ? { jobs: page.jobs, skipped: page.skipped }
          : page;
      };
      const pages = await fetchPages(url, ARBEITNOW_MAX_PAGES, fetchPage, log);
      const { jobs, skipped } = checkJobs(pages, { emptyIsBroken: true });
      return { status: "ok", jobs, skipped, complete: pages.complete };
    },
  };
}

export async function parseArbeitnow(body: string, log: Logger, slices: Slices = parseSlices()): Promise<Page> {
  const payload = parseJson(body);
  const items = Array.isArray(payload) ? payload : arrayAt(payload, "data", "an Arbeitnow job page");
  const page: Page = await collectJobs(
    items,
    parseItem,
    log,
    (item, index) => (isRecord(item) ? text(item["title"]) : "") || `item ${index + 1}`,
    slices,
  );
  const links = isRecord(payload) && isRecord(payload["links"]) ? payload["links"] : undefined;
  const next = httpUrl(links?.["next"]);
  if (next) page.next = next;
  return page;
}

function parseItem(item: unknown): JobDraft | string {
  if (!isRecord(item)) return "not an object";
  const slug = text(item["slug"]).trim();
  const title = displayText(item["title"]);
  const url = httpUrl(item["url"]);
  const postedAt = epochMs(item["created_at"]);
  if (!slug) return "no slug";
  if (!title) return "no title";
  if (!url) return "no job page URL";
  if (postedAt === undefined) return "no valid created_at";

  const job: JobDraft = {
    id: `${KIND}:${slug}`,
    source: KIND,
    url,
    title,
    company: displayText(item["company_name"]),
    location: displayText(item["location"]),
    remote: item["remote"] === true || item["remote"] === "true" || item["remote"] === 1,
    tags: strings(item["tags"]).map(displayText),
    postedAt,
    description: htmlText(text(item["description"])),
  };
  const types = strings(item["job_types"]).map(displayText).filter(Boolean);
  if (types.length > 0) job.employmentType = types.join(", ");
  return job;
}
