/**
 * The cap on what one fetch brings (issue #14): a board answering with 60,000 items must not add
 * 60,000 jobs every cycle. Every source is wrapped in it by createSources, so the rule is the same
 * for all of them.
 */
import type { JobDraft } from "../core/job.js";
import type { JobSource } from "../core/source.js";

/** MAX_ITEMS_PER_FETCH's default. */
export const DEFAULT_MAX_ITEMS_PER_FETCH = 2000;

/** `source` taking at most `max` jobs from one fetch, the newest; the rest are left out with one warning. */
export function withItemCap(source: JobSource, max: number): JobSource {
  return {
    ...source,
    async fetch(request, log) {
      const outcome = await source.fetch(request, log);
      if (outcome.status !== "ok" || outcome.jobs.length <= max) return outcome;
      log.warn(
        { source: source.id, items: outcome.jobs.length, kept: max, leftOut: outcome.jobs.length - max },
        "the fetch brought more items than MAX_ITEMS_PER_FETCH: the oldest were left out",
      );
      return { ...outcome, jobs: newest(outcome.jobs, max) };
    },
  };
}

/** The `max` newest drafts (an unreadable date counts as oldest), in the order the board gave them. */
function newest(jobs: readonly JobDraft[], max: number): JobDraft[] {
  const dateOf = (job: JobDraft) => (Number.isFinite(job.postedAt) ? job.postedAt : -Infinity);
  const kept = new Set(
    jobs
      .map((job, index) => ({ index, date: dateOf(job) }))
      .sort((a, b) => b.date - a.date || a.index - b.index)
      .slice(0, max)
      .map(({ index }) => index),
  );
  return jobs.filter((_, index) => kept.has(index));
}
