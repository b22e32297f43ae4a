/**
 * Hacker News "Who is hiring?": the month's thread, found through the Algolia HN API
 * (search_by_date for stories by `whoishiring`), then read whole from /items/<id>; each top-level
 * comment is a job, linked to its news.ycombinator.com page. Deleted comments (null text) are
 * skipped. The thread must be this month's or, in the first days of a month before the new one is
 * posted, last month's: anything older means the search is not finding it, which is a failure.
 */
import type { Clock } from "../core/clock.js";
import type { JobDraft } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { ACCEPT_JSON, endpointSourceId } from "./endpoint-source.js";
import { dateMs, epochMs, text } from "./field-values.js";
import { htmlText } from "./html-text.js";
import { hostOf, type HttpClient } from "./http.js";
import { fieldsFromOpening } from "./hn-post.js";
import {
  arrayAt,
  checkJobs,
  collectJobs,
  isRecord,
  parseJson,
  parseSlices,
  PayloadError,
  type ParsedJobs,
} from "./payload.js";

const KIND = "hackernews";
export const HN_ALGOLIA_API = "https://hn.algolia.com/api/v1";
/** A busy month's thread with every reply is a few MB; the usual 5 MB cap is too tight for it. */
const THREAD_MAX_BYTES = 25 * 1024 * 1024;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export interface Thread {
  id: string;
  title: string;
  /** Month index (0-11) and year the thread is for. */
  month: number;
  year: number;
}

export function hackerNewsSource({
  url = HN_ALGOLIA_API,
  http,
  clock,
  minIntervalMs,
}: {
  url?: string;
  http: HttpClient;
  clock: Clock;
  minIntervalMs: number;
}): JobSource {
  const base = url.replace(/\/+$/, "");
  const id = endpointSourceId(KIND, base, HN_ALGOLIA_API);
  return {
    id,
    kind: KIND,
    label: "Hacker News · Who is hiring?",
    host: hostOf(base),
    minIntervalMs,
    async fetch({ signal }, log) {
      // Two requests, the second depending on the first: no conditional request.
      const search = await http.get(`${base}/search_by_date?tags=story,author_whoishiring&hitsPerPage=30`, {
        sourceId: id,
        accept: ACCEPT_JSON,
        signal,
      });
      if (search.status !== "ok")
        throw new Error("the thread search answered 304 to a request that was not conditional");
      const thread = pickThread(parseThreadSearch(search.body), clock.now());
      log.debug({ thread: thread.id, title: thread.title }, "reading the Who is hiring? thread");
      const item = await http.get(`${base}/items/${thread.id}`, {
        sourceId: id,
        accept: ACCEPT_JSON,
        maxBytes: THREAD_MAX_BYTES,
        signal,
      });
      if (item.status !== "ok") throw new Error("the thread answered 304 to a request that was not conditional");
      // A thread posted minutes ago has no posts yet: empty is an answer, not a failure.
      const { jobs, skipped } = checkJobs(await parseHnThread(item.body, log, parseSlices(signal)), {
        emptyIsBroken: false,
      });
      return { status: "ok", jobs, skipped };
    },
  };
}

/** The "Who is hiring?" threads in a search_by_date answer, newest first. */
export function parseThreadSearch(body: string): Thread[] {
  const hits = arrayAt(parseJson(body), "hits", "an Algolia search result");
  const threads: (Thread & { createdAt: number })[] = [];
  for (const hit of hits) {
    if (!isRecord(hit)) continue;
    const title = text(hit["title"]);
    const id = text(hit["objectID"]) || text(hit["story_id"]);
    // "Who wants to be hired?" and "Freelancer? Seeking freelancer?" are the same author's other threads.
    if (!id || !/who\s+is\s+hiring\?/i.test(title)) continue;
    const createdAt = epochMs(hit["created_at_i"]) ?? dateMs(hit["created_at"]) ?? 0;
    const named = /\(\s*([a-z]+)\s+(\d{4})\s*\)/i.exec(title);
    const monthIndex = named ? MONTHS.findIndex((month) => month.toLowerCase() === (named[1] ?? "").toLowerCase()) : -1;
    const date = new Date(createdAt);
    const [month, year] =
      monthIndex >= 0 ? [monthIndex, Number(named?.[2])] : [date.getUTCMonth(), date.getUTCFullYear()];
    threads.push({ id, title, month, year, createdAt });
  }
  return threads.sort((a, b) => b.createdAt - a.createdAt).map(({ createdAt: _createdAt, ...thread }) => thread);
}

/** This month's thread, else last month's (this month's is posted on its first weekday). */
export function pickThread(threads: readonly Thread[], now: number): Thread {
  const today = new Date(now);
  const current = today.getUTCFullYear() * 12 + today.getUTCMonth();
  const newest = threads[0];
  if (!newest) throw new PayloadError("no “Who is hiring?” thread in the search results");
  const age = current - (newest.year * 12 + newest.month);
  if (age === 0 || age === 1) return newest;
  const wanted = `${MONTHS[today.getUTCMonth()]} ${today.getUTCFullYear()}`;
  throw new PayloadError(
    `no “Who is hiring?” thread for ${wanted}: the newest found is ${MONTHS[newest.month]} ${newest.year}`,
  );
}

/** The jobs of a thread's item tree: its top-level comments, deleted ones left out. */
export async function parseHnThread(body: string, log: Logger, slices: Slices = parseSlices()): Promise<ParsedJobs> {
  const posts = arrayAt(parseJson(body), "children", "a Hacker News thread");
  // A deleted or flagged post keeps its place in the tree with no text: not a job, not a failure.
  const live = posts.filter(
    (post) => !isRecord(post) || (typeof post["text"] === "string" && post["text"].trim() !== ""),
  );
  return collectJobs(
    live,
    parsePost,
    log,
    (post, index) => (isRecord(post) ? `comment ${text(post["id"])}` : `item ${index + 1}`),
    slices,
  );
}

function parsePost(post: unknown): JobDraft | string {
  if (!isRecord(post)) return "not an object";
  const id = text(post["id"]).trim();
  const postedAt = epochMs(post["created_at_i"]) ?? dateMs(post["created_at"]);
  if (!/^\d+$/.test(id)) return "no numeric id";
  if (postedAt === undefined) return "no valid created_at";
  // Items from the 2011 era carry their line breaks as a literal backslash-n.
  const html = text(post["text"]).replace(/\\n/g, "<br>");
  const description = htmlText(html);
  const lines = description.split("\n").filter((line) => line.trim() !== "");
  if (lines.length === 0) return "empty post";
  return {
    id: `${KIND}:${id}`,
    source: KIND,
    url: `https://news.ycombinator.com/item?id=${id}`,
    postedAt,
    description,
    ...fieldsFromOpening(lines.slice(0, 3)),
  };
}
