/**
 * Stored jobs filtered by a query: /latest's pages and /subscribe's "N recent jobs match".
 *
 * Both read every stored job (10,000 or more) on every call, and tokenizing every description each
 * time would cost seconds. So each job's document is kept, in its compact form, for as long as
 * the job itself: the store hands out the same frozen object until a job changes (a merge replaces
 * it), which makes a WeakMap keyed by the job exact, and lets pruned jobs' documents go with them.
 */
import type { Job } from "../job.js";
import type { Query } from "./ast.js";
import { compactDocument, type JobDocument } from "./document.js";
import { queryMatches } from "./match.js";

const documents = new WeakMap<Job, JobDocument>();

export function storedJobDocument(job: Job): JobDocument {
  let doc = documents.get(job);
  if (!doc) {
    doc = compactDocument(job);
    documents.set(job, doc);
  }
  return doc;
}

/**
 * Builds the documents of these jobs ahead of the first /latest, a batch at a time, letting other
 * work run in between: after a start with 10,000 stored jobs, that first call would otherwise wait
 * seconds for them. A document takes up to a millisecond on a busy machine, so a batch of 25 keeps
 * commands from waiting more than a few tens of them.
 */
export async function prepareDocuments(jobs: readonly Job[], batch = 25): Promise<void> {
  for (let start = 0; start < jobs.length; start += batch) {
    for (const job of jobs.slice(start, start + batch)) storedJobDocument(job);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The jobs the query matches, in the order given. */
export function searchJobs(query: Query, jobs: readonly Job[]): Job[] {
  return jobs.filter((job) => queryMatches(query, storedJobDocument(job)));
}
