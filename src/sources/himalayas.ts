/**
 * Himalayas: https://himalayas.app/jobs/api?limit=20&offset=N, 20 jobs a call at most, newest
 * first. A fetch reads at most MAX_PAGES pages (100 jobs): at a 5-minute floor that is far more
 * than the board posts in between. Timestamps are documented in milliseconds but observed in
 * seconds, and `totalCount` has been seen as an unfilled template ("${total_jobs}"), so paging
 * stops on a short page, never on the count.
 */
import type { JobDraft } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { ACCEPT_JSON, endpointSourceId } from "./endpoint-source.js";
import { amount, displayText, epochMs, httpUrl, strings, text } from "./field-values.js";
import { htmlText } from "./html-text.js";
import { hostOf, type HttpClient } from "./http.js";
import { fetchPages, type Page } from "./paged.js";
import { arrayAt, checkJobs, collectJobs, isRecord, parseJson, parseSlices, type ParsedJobs } from "./payload.js";

const KIND = "himalayas";
export const HIMALAYAS_API = "https://himalayas.app/jobs/api";
export const HIMALAYAS_PAGE_SIZE = 20;
export const HIMALAYAS_MAX_PAGES = 5;
/** Beyond this many countries the location reads "A, B, C and 40 more"; the description lists them all. */
const LOCATIONS_SHOWN = 5;

export function himalayasSource({
  url = HIMALAYAS_API,
  http,
  minIntervalMs,
}: {
  url?: string;
  http: HttpClient;
  minIntervalMs: number;
}): JobSource {
  const id = endpointSourceId(KIND, url, HIMALAYAS_API);
  return {
    id,
    kind: KIND,
    label: "Himalayas",
    host: hostOf(url),
    minIntervalMs,
    async fetch(request, log) {
      // Paged: no conditional request (a validator would only speak for one page).
      const fetchPage = async (pageUrl: string): Promise<Page> => {
        const response = await http.get(pageUrl, { sourceId: id, accept: ACCEPT_JSON });
        const page =
          response.status === "ok"
            ? await parseHimalayas(response.body, log, parseSlices(request.signal))
            : { jobs: [], skipped: 0 };
        const offset = Number(new URL(pageUrl).searchParams.get("offset"));
        const full = page.jobs.length + page.skipped >= HIMALAYAS_PAGE_SIZE;
        return full ? { ...page, next: pageAt(url, offset + HIMALAYAS_PAGE_SIZE) } : page;
      };
      const pages = await fetchPages(pageAt(url, 0), HIMALAYAS_MAX_PAGES, fetchPage, log);
      const { jobs, skipped } = checkJobs(pages, { emptyIsBroken: true });
      return { status: "ok", jobs, skipped, complete: pages.complete };
    },
  };
}

function pageAt(base: string, offset: number): string {
  const url = new URL(base);
  url.searchParams.set("limit", String(HIMALAYAS_PAGE_SIZE));
  url.searchParams.set("offset", String(offset));
  return url.href;
}

export async function parseHimalayas(body: string, log: Logger, slices: Slices = parseSlices()): Promise<ParsedJobs> {
  const jobs = arrayAt(parseJson(body), "jobs", "a Himalayas job page");
  return collectJobs(
    jobs,
    parseItem,
    log,
    (item, index) => (isRecord(item) ? text(item["title"]) : "") || `item ${index + 1}`,
    slices,
  );
}

function parseItem(item: unknown): JobDraft | string {
  if (!isRecord(item)) return "not an object";
  const url = httpUrl(item["guid"]) ?? httpUrl(item["applicationLink"]);
  const title = displayText(item["title"]);
  const postedAt = epochMs(item["pubDate"]);
  if (!url) return "no job page URL";
  if (!title) return "no title";
  if (postedAt === undefined) return "no valid pubDate";

  const countries = strings(item["locationRestrictions"]).map(displayText).filter(Boolean);
  const seniority = strings(item["seniority"]).map(displayText);
  const categories = strings(item["categories"]).map((category) => displayText(category.replace(/-/g, " ")));
  const body = htmlText(text(item["description"]) || text(item["excerpt"]));
  const job: JobDraft = {
    id: `${KIND}:${slugOf(url)}`,
    source: KIND,
    url,
    title,
    company: displayText(item["companyName"]),
    location: summariseCountries(countries),
    remote: true,
    tags: [...categories, ...seniority],
    postedAt,
    description: countries.length > LOCATIONS_SHOWN ? `Open to: ${countries.join(", ")}\n\n${body}` : body,
  };
  const category = strings(item["parentCategories"]).map(displayText)[0];
  if (category) job.category = category;
  const employmentType = displayText(item["employmentType"]);
  if (employmentType) job.employmentType = employmentType;
  const min = amount(item["minSalary"]);
  const max = amount(item["maxSalary"]);
  const currency = (text(item["currency"]) || text(item["salaryCurrency"])).trim().toUpperCase();
  if ((min !== undefined || max !== undefined) && currency)
    job.salary = { ...(min !== undefined && { min }), ...(max !== undefined && { max }), currency, period: "year" };
  const logoUrl = httpUrl(item["companyLogo"]);
  if (logoUrl) job.logoUrl = logoUrl;
  const expiresAt = epochMs(item["expiryDate"]);
  if (expiresAt !== undefined) job.expiresAt = expiresAt;
  return job;
}

/** "/companies/peroptyx/jobs/data-analyst" → "peroptyx/data-analyst": the board's own stable key. */
function slugOf(url: string): string {
  const match = /\/companies\/([^/]+)\/jobs\/([^/?#]+)/.exec(new URL(url).pathname);
  return match ? `${match[1]}/${match[2]}` : new URL(url).pathname.replace(/^\/+|\/+$/g, "");
}

function summariseCountries(countries: readonly string[]): string {
  if (countries.length === 0) return "Worldwide";
  if (countries.length <= LOCATIONS_SHOWN) return countries.join(", ");
  return `${countries.slice(0, LOCATIONS_SHOWN - 1).join(", ")} and ${countries.length - (LOCATIONS_SHOWN - 1)} more countries`;
}
