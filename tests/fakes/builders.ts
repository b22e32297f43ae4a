/**
 * Builders for valid domain records with sensible defaults: a test names only the fields its
 * story is about. Each call gets fresh ids (and, for jobs, a fresh increasing seq and URL), so
 * records built in one test never collide.
 */
import type { OutboxEntry } from "../../src/core/alert.js";
import { fingerprint } from "../../src/core/fingerprint.js";
import type { Job } from "../../src/core/job.js";
import type { CycleCommit } from "../../src/store/store.js";
import type { Subscription } from "../../src/core/subscription.js";

/** 2026-01-01T00:00:00Z: a fixed time, so tests do not depend on the clock. */
export const T0 = Date.UTC(2026, 0, 1);

let counter = 0;
const next = () => ++counter;

/**
 * A valid stored job. Its fingerprint follows the title and company unless given. Its seq grows
 * with every call, so jobs committed in the order they were built are in seq order.
 */
export function makeJob(overrides: Partial<Job> = {}): Job {
  const n = next();
  const title = overrides.title ?? `Software Engineer ${n}`;
  const company = overrides.company ?? "Acme";
  return {
    id: `test:${n}`,
    source: "test",
    url: `https://jobs.example.com/jobs/${n}`,
    title,
    company,
    location: "Anywhere in the World",
    remote: true,
    tags: ["typescript"],
    postedAt: T0,
    firstSeenAt: T0,
    description: `We are hiring: ${title} at ${company}.`,
    fingerprint: fingerprint(company, title),
    seq: n,
    ...overrides,
  };
}

export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: String(next()),
    chat: "telegram:42",
    createdBy: "42",
    query: "rust remote",
    createdAt: T0,
    sinceSeq: 0,
    matchCount: 0,
    ...overrides,
  };
}

/** An alert about `jobIds` (by default one job, "test:1"). */
export function makeOutboxEntry(overrides: Partial<OutboxEntry> & { jobIds?: string[] } = {}): OutboxEntry {
  const { jobIds = ["test:1"], ...fields } = overrides;
  return {
    id: `alert-${next()}`,
    chat: "telegram:42",
    items: jobIds.map((jobId) => ({ jobId, matches: [{ subscriptionId: "1", query: "rust", words: ["rust"] }] })),
    createdAt: T0,
    attempts: 0,
    nextAttemptAt: T0,
    ...fields,
  };
}

/** A cycle commit that changes nothing but what is given. */
export function makeCommit(overrides: Partial<CycleCommit> = {}): CycleCommit {
  return {
    newJobs: [],
    updatedJobs: [],
    sourceStates: [],
    outbox: [],
    cursor: 0,
    matchCounts: {},
    ...overrides,
  };
}
