/**
 * In-memory lookups over the stored jobs, so recognising a posting (docs/ARCHITECTURE.md, The data flow) costs the
 * same with 10,000 jobs as with ten. Not persisted: rebuilt from StoreData.jobs on load and after
 * pruning.
 */
import { canonicalUrl } from "../core/fingerprint.js";
import type { Job } from "../core/job.js";
import { ownCopy } from "./data.js";

export interface JobIndex {
  byId: Map<string, Job>;
  byFingerprint: Map<string, Job>;
  byUrl: Map<string, Job>;
}

/** docs/ARCHITECTURE.md, The store contract: the store may cap very long descriptions; matching has already seen them whole. */
export const MAX_DESCRIPTION_LENGTH = 16_384;

export function buildJobIndex(jobs: readonly Job[]): JobIndex {
  const index: JobIndex = { byId: new Map(), byFingerprint: new Map(), byUrl: new Map() };
  for (const job of jobs) indexJob(index, job);
  return index;
}

/**
 * When two stored jobs share a fingerprint or URL, the earlier one stays the answer: it is the
 * sighting that was announced, and jobs are indexed in seq order both here and on rebuild.
 */
export function indexJob(index: JobIndex, job: Job): void {
  index.byId.set(job.id, job);
  setIfAbsent(index.byFingerprint, job.fingerprint, job);
  setIfAbsent(index.byUrl, canonicalUrl(job.url), job);
}

function setIfAbsent(map: Map<string, Job>, key: string, job: Job): void {
  if (!map.has(key)) map.set(key, job);
}

export function findSameJob(index: JobIndex, probe: Pick<Job, "id" | "fingerprint" | "url">): Job | undefined {
  return (
    index.byId.get(probe.id) ?? index.byFingerprint.get(probe.fingerprint) ?? index.byUrl.get(canonicalUrl(probe.url))
  );
}

/** The lookups after `old` was replaced by `next` (same id) in `jobs`. */
export function reindexJob(index: JobIndex, jobs: readonly Job[], old: Job, next: Job): JobIndex {
  // Another stored job may share the old fingerprint or URL and must become the answer for it:
  // rebuilding is the simple correct way, and merges that change either are rare.
  if (next.fingerprint !== old.fingerprint || canonicalUrl(next.url) !== canonicalUrl(old.url))
    return buildJobIndex(jobs);
  index.byId.set(next.id, next);
  if (index.byFingerprint.get(old.fingerprint) === old) index.byFingerprint.set(old.fingerprint, next);
  const url = canonicalUrl(old.url);
  if (index.byUrl.get(url) === old) index.byUrl.set(url, next);
  return index;
}

/** Where the job with this seq sits in `jobs` (ascending by seq), or -1. */
export function positionOfSeq(jobs: readonly Job[], seq: number): number {
  let low = 0;
  let high = jobs.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = (jobs[middle] as Job).seq;
    if (found === seq) return middle;
    if (found < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The job with its description capped: itself when the description is within the cap. */
export function withCappedDescription(job: Job): Job {
  const description = capDescription(job.description);
  return description === job.description ? job : { ...job, description };
}

/** The store's own frozen copy of a job, its description capped. */
export function toStoredJob(job: Job): Job {
  return ownCopy(withCappedDescription(job));
}

/** Cuts at the last space before the limit (a single huge word is cut mid-word) and adds "…". */
export function capDescription(text: string): string {
  if (text.length <= MAX_DESCRIPTION_LENGTH) return text;
  let end = MAX_DESCRIPTION_LENGTH - 1; // room for the ellipsis
  // Never split a surrogate pair (an emoji) in half.
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? "")) end -= 1;
  const head = text.slice(0, end);
  // When the limit falls right before a space, the last word of `head` is already whole.
  const boundary = /\s/.test(text[end] ?? "") ? end : head.search(/\s\S*$/);
  const cut = boundary > 0 ? head.slice(0, boundary) : head;
  return `${cut.trimEnd()}…`;
}
