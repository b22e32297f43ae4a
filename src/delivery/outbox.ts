/**
 * Decisions about one chat's queued alerts (its outbox entries, in the order they were decided):
 * what goes out next, and what a failed attempt means for the entries it carried. Pure functions;
 * the dispatcher reads and writes the store around them.
 */
import type { OutboxEntry } from "../core/alert.js";
import { GROUP_SIZE, GROUP_THRESHOLD } from "../core/decide-alerts.js";

export interface RetryPolicy {
  /** The wait after the first failure; it doubles with each further one. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
  /** An entry that failed this many times is dropped (and logged). */
  maxAttempts: number;
}

/** Waits of about 5 s, 10 s, 20 s … 5 min: an alert outlives a platform outage of about ten minutes. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 5 * 60_000, maxAttempts: 8 };

export const jobCount = (entries: readonly OutboxEntry[]): number =>
  entries.reduce((n, entry) => n + entry.items.length, 0);

/**
 * The entries due now, from the oldest on. A chat waits for its oldest entry: an alert being
 * retried is not overtaken by newer ones, so alerts arrive in the order they were decided.
 */
export function dueEntries(pending: readonly OutboxEntry[], now: number): OutboxEntry[] {
  const due: OutboxEntry[] = [];
  for (const entry of pending) {
    if (entry.nextAttemptAt > now) break;
    due.push(entry);
  }
  return due;
}

/** Whether a chat's backlog is large enough to go out grouped (docs/ARCHITECTURE.md, The data flow, decided again when sending). */
export const needsGrouping = (due: readonly OutboxEntry[]): boolean => jobCount(due) > GROUP_THRESHOLD;

/**
 * The entries of the next message: the oldest due entry alone, or, while the chat is being sent
 * a backlog in groups, as many whole entries as fit in one group. Entries are never split: each
 * is removed as a whole once the message carrying it is confirmed.
 */
export function nextBatch(due: readonly OutboxEntry[], grouped: boolean): OutboxEntry[] {
  const [first, ...rest] = due;
  if (!first) return [];
  const batch = [first];
  if (!grouped) return batch;
  let size = first.items.length;
  for (const entry of rest) {
    if (size + entry.items.length > GROUP_SIZE) break;
    batch.push(entry);
    size += entry.items.length;
  }
  return batch;
}

/** Exponential, with jitter in [0.5, 1.5) so that chats which failed together do not retry together. */
export function backoffMs(attempts: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempts - 1));
  return Math.min(policy.maxMs, Math.round(exponential * (0.5 + random())));
}

/** After a transient failure: each entry counts one more attempt; those out of attempts are dropped. */
export function afterTransientFailure(
  batch: readonly OutboxEntry[],
  now: number,
  policy: RetryPolicy,
  random: () => number,
): { retry: OutboxEntry[]; drop: OutboxEntry[] } {
  const counted = batch.map((entry) => ({ ...entry, attempts: entry.attempts + 1 }));
  const drop = counted.filter((entry) => entry.attempts >= policy.maxAttempts);
  const retry = counted.filter((entry) => entry.attempts < policy.maxAttempts);
  // One wait for the whole message, so its entries are retried together.
  const wait = backoffMs(Math.max(0, ...retry.map((entry) => entry.attempts)), policy, random);
  return { retry: retry.map((entry) => ({ ...entry, nextAttemptAt: now + wait })), drop };
}
