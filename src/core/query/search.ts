/**
 * Stored jobs filtered by a query: /latest's pages and /subscribe's "N recent jobs match".
 *
 * Both ask about every stored job (50,000 or more) on every call. The words of each are kept in
 * one index (stored-job-words.ts), which names the jobs a query can match; only those are tested,
 * against their documents, and a query of plain words needs no document at all. A document is
 * kept, in its compact form, for as long as the job itself: the store hands out the same frozen
 * object until a job changes (a merge replaces it), which makes a WeakMap keyed by the job exact,
 * and lets pruned jobs' documents go with them.
 */
import type { Job } from "../job.js";
import type { Query } from "./ast.js";
import { compactDocument, type JobDocument } from "./document.js";
import { queryMatches } from "./match.js";
import { StoredJobWords } from "./stored-job-words.js";
import type { NumberWordsElsewhere } from "./word-numbering.js";

const documents = new WeakMap<Job, JobDocument>();
const words = new StoredJobWords();

export function storedJobDocument(job: Job): JobDocument {
  let doc = documents.get(job);
  if (!doc) {
    doc = compactDocument(job);
    documents.set(job, doc);
  }
  return doc;
}

/** Below this many jobs, starting a worker costs more (a quarter of a second of a core) than it saves. */
const WORTH_A_WORKER = 1000;

/**
 * Indexes the words of these jobs ahead of the first /latest: after a start with 50,000 stored
 * jobs, that first call would otherwise wait seconds for them. Their words are numbered
 * `elsewhere` when given (a worker thread): the main thread then only adds the numbers to the index,
 * a tenth of the work (issue 16). Once `helpFrom` settles (the first cycle is done, and this thread
 * is free), this thread takes batches not yet sent back and finds their words itself, so that the
 * two finish together. Otherwise, or for what the worker failed to do, the words are found here,
 * a batch at a time, letting other work run in between: a job takes up to a millisecond on a busy
 * machine, so a batch of 25 keeps commands from waiting more than a few tens of them.
 */
export async function prepareDocuments(
  jobs: readonly Job[],
  {
    elsewhere,
    helpFrom,
    batch = 25,
  }: { elsewhere?: NumberWordsElsewhere; helpFrom?: Promise<unknown>; batch?: number } = {},
): Promise<void> {
  if (elsewhere && jobs.length >= WORTH_A_WORKER) {
    const ids: number[] = [];
    let helping: Promise<void> | undefined;
    try {
      const numbering = elsewhere(jobs, (some, numbered) => words.addNumbered(some, numbered, ids));
      const help = () => {
        helping = (async () => {
          for (let some = numbering.takeBack(); some; some = numbering.takeBack()) await indexNewJobs(some, batch);
        })();
        // Awaited below; when the worker failed first, the fallback meets the same failure.
        helping.catch(() => {});
      };
      void helpFrom?.then(help, help);
      await numbering.done;
      await helping;
      return;
    } catch {
      // Whatever failed (the worker logs its own failures), the jobs not indexed yet are indexed
      // below; those already indexed are skipped.
    }
  }
  await indexNewJobs(jobs, batch);
}

/**
 * Indexes the words of the jobs not indexed yet, `batch` at a time with a turn of the event loop
 * between.
 */
async function indexNewJobs(jobs: readonly Job[], batch: number): Promise<void> {
  let added = 0;
  for (const job of jobs) {
    if (words.has(job)) continue;
    words.add(job);
    added += 1;
    if (added % batch === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Indexes a new job's words from the document the alert cycle made to match it: the first command
 * after a cycle bringing 2,000 jobs would otherwise analyse them all again, the event loop blocked.
 */
export function rememberWords(job: Job, doc: Pick<JobDocument, "words">): void {
  words.add(job, doc.words);
}

/**
 * searchJobs for commands: the jobs not indexed yet are indexed 100 per turn of the event loop
 * first. A cycle's new jobs reach the store's cache as new objects, and recognising each one's
 * words (remembered by seq during the cycle, but its description read again to tell its version)
 * took 58 ms in one go for a cycle of 2,000 at a million subscriptions: on top of the cache's own
 * update, the first /latest after the cycle took 172 ms, the event loop held for 136 ms.
 */
export async function searchStoredJobs(query: Query, jobs: readonly Job[]): Promise<Job[]> {
  await indexNewJobs(jobs, 100);
  // searchJobs indexes what came meanwhile: the store's cache may have grown during the turns.
  return searchJobs(query, jobs);
}

/** The jobs the query matches, in the order given. */
export function searchJobs(query: Query, jobs: readonly Job[]): Job[] {
  // Jobs new since the last search (a cycle's, a merge's replacements) are indexed first.
  for (const job of jobs) if (!words.has(job)) words.add(job);
  words.keepOnly(jobs);
  const candidates = words.candidates(query);
  if (!candidates) return jobs.filter((job) => queryMatches(query, storedJobDocument(job)));
  const found: Job[] = [];
  for (const job of jobs) {
    const named = candidates.seqs.has(job.seq);
    if (candidates.exact && !words.isRewritten(job.seq)) {
      if (named) found.push(job);
      continue;
    }
    // Exact candidates had excluded words taken out, which a rewritten seq may only have had.
    if (!named && !candidates.exact) continue;
    if (queryMatches(query, storedJobDocument(job))) found.push(job);
  }
  return found;
}
