/**
 * Fetching a paged API politely: pages one after another (never in parallel), at most a few per
 * fetch, newest first, stopping early when a page is short or brings nothing new. A failure on the
 * first page fails the fetch; one on a later page ends it with what earlier pages gave, since the
 * newest jobs come first and the rest will be read on the next fetch.
 */
import type { JobDraft } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { ParsedJobs } from "./payload.js";

export interface Page extends ParsedJobs {
  /** The next page's URL, or undefined when this was the last. */
  next?: string;
}

export async function fetchPages(
  firstUrl: string,
  maxPages: number,
  fetchPage: (url: string, index: number) => Promise<Page>,
  log: Logger,
): Promise<ParsedJobs & { complete: boolean }> {
  const jobs = new Map<string, JobDraft>();
  let skipped = 0;
  let url: string | undefined = firstUrl;
  // Complete only when the last page said it was the last: not after a failure, the page cap, or a repeat.
  let complete = false;
  for (let index = 0; url !== undefined && index < maxPages; index += 1) {
    let page: Page;
    try {
      page = await fetchPage(url, index);
    } catch (error) {
      if (index === 0) throw error;
      log.warn(
        { page: index + 1, url, reason: error instanceof Error ? error.message : String(error) },
        "later page failed; keeping the pages before it",
      );
      break;
    }
    const before = jobs.size;
    for (const job of page.jobs) if (!jobs.has(job.id)) jobs.set(job.id, job);
    skipped += page.skipped;
    // A server that ignores the page parameter serves the same page again: nothing new, stop.
    if (jobs.size === before) break;
    url = page.next;
    if (url === undefined) complete = true;
  }
  return { jobs: [...jobs.values()], skipped, complete };
}
