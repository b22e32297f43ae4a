/**
 * The whole persisted state of a store, as one plain JSON-shaped object. The memory store keeps it
 * in a variable; the files store keeps it too and writes the parts a change touched to their files
 * (store-files.ts). Both run the same
 * operations on it (chat-ops.ts, cycle-ops.ts, through data-store.ts), so they cannot drift apart.
 *
 * Every record inside (job, subscription, chat, source state, outbox entry) is deeply frozen and
 * replaced, never edited, when it changes. That lets the store hand records out without copying:
 * /latest reads every stored job, and cloning 10,000 postings of up to 16 KB on each call would
 * cost far more than freezing each record once when it is stored. A caller that tries to edit a
 * returned record gets a TypeError instead of silently corrupting the store.
 */
import type { OutboxEntry } from "../core/alert.js";
import type { ChatId } from "../core/chat.js";
import type { Job } from "../core/job.js";
import type { SourceState } from "../core/source-state.js";
import type { ChatState, Subscription } from "../core/subscription.js";

/** Bumped when the shape changes in a way an older file cannot be read as. */
export const STORE_VERSION = 1;

export interface StoreData {
  version: typeof STORE_VERSION;
  /** The highest seq ever assigned; kept when the job that had it is pruned. */
  lastSeq: number;
  /**
   * Every chat's cursor is at least this (CycleCommit.cursor): kept once rather than written into
   * each of hundreds of thousands of chats every cycle. chatState reads a chat's cursor with it.
   */
  consideredThrough: number;
  /** The next subscription id, as a number; ids are never reused, so this only grows. */
  nextSubscriptionId: number;
  /** Ordered by seq, ascending: new jobs are appended. */
  jobs: Job[];
  /** In creation order. */
  subscriptions: Subscription[];
  chats: Record<ChatId, ChatState>;
  sources: Record<string, SourceState>;
  /** In the order alerts were decided. */
  outbox: OutboxEntry[];
  /**
   * Pruned jobs that boards still list, by `id:<job id>` and `fp:<fingerprint>`, with when they were
   * last listed: a job still on its board after the retention window must not come back as new.
   */
  forgotten: Record<string, number>;
}

export function emptyStoreData(): StoreData {
  return {
    version: STORE_VERSION,
    lastSeq: 0,
    consideredThrough: 0,
    nextSubscriptionId: 1,
    jobs: [],
    subscriptions: [],
    chats: {},
    sources: {},
    outbox: [],
    forgotten: {},
  };
}

/** Freezes a record and everything inside it (tags, salary, outbox items). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/** A private, frozen copy of a caller's record, so later edits on either side cannot leak across. */
export function ownCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

/**
 * Chats and sources are keyed by id in plain objects (they serialise as JSON as they are);
 * Object.hasOwn keeps inherited names such as "constructor" from reading as stored records.
 */
export function ownEntry<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
