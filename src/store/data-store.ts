/**
 * The Store interface over StoreData: the one implementation of its logic. The memory store and
 * the files store differ only in `persist` (nothing, or writing the changed files) and `close`.
 *
 * Each mutating method is one change: made in memory, then saved, one change at a time. If the
 * save fails, the change is undone in memory (state.ts beginChange) and the method rejects with a
 * StoreWriteError: what the caller is told ("nothing was changed") is what happened, and no later
 * save writes it. Reads are not held back; they may see a change whose save is still running.
 * Pruning is two such changes, so that what it remembers is saved before the jobs are deleted.
 */
import { describeError, StoreWriteError } from "../core/errors.js";
import { applyFilterChange, withSaved, withoutSaved } from "../core/chat-filters.js";
import * as chats from "./chat-ops.js";
import type { StoreData } from "./data.js";
import * as cycle from "./cycle-ops.js";
import type { OutboxChange } from "./outbox-journal.js";
import { findSameJob } from "./job-index.js";
import { beginChange, storeState } from "./state.js";
import type { StorePart } from "./store-files.js";
import type { OutboxHead, Store } from "./store.js";
import { allSubscriptions } from "./subscription-changes.js";

export interface Persistence {
  /** Saves the parts a change touched, once. */
  persist(parts: readonly StorePart[]): Promise<void>;
  /**
   * Saves an outbox change of delivery (confirmed, given up, or retried later), at a cost that
   * does not grow with the outbox (the files store appends it to a journal). Without it, the
   * change is saved as a state write.
   */
  persistOutboxChange?(change: OutboxChange): Promise<void>;
  /** Waits for saves in progress. */
  close(): Promise<void>;
}

export interface StoreLimits {
  /** Jobs that may wait in the outbox for one chat; older ones are folded into one line (cycle-ops.ts). */
  maxPendingPerChat: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { maxPendingPerChat: 100 };

export function storeOnData(
  data: StoreData,
  persistence: Persistence,
  limits: StoreLimits = DEFAULT_STORE_LIMITS,
): Store {
  const state = storeState(data);
  const { persist, close } = persistence;
  let turn: Promise<unknown> = Promise.resolve();

  /**
   * Runs one change after the previous one is saved (or undone): only then can a failed save undo
   * exactly its own change. `save` gets what `apply` returned and saves what it touched.
   */
  function change<T>(apply: () => T, save: (result: T) => Promise<void>): Promise<T> {
    const run = async () => {
      const rollback = beginChange(state);
      let result: T;
      try {
        result = apply();
      } catch (error) {
        rollback(); // a refused change (a faulty commit) leaves nothing half done either
        throw error;
      }
      try {
        await save(result);
      } catch (error) {
        rollback();
        throw new StoreWriteError(`could not save: ${describeError(error)}`, { cause: error });
      }
      return result;
    };
    const result = turn.then(run, run);
    turn = result.catch(() => {});
    return result;
  }

  const saveOutbox = (outboxChange: OutboxChange) =>
    persistence.persistOutboxChange ? persistence.persistOutboxChange(outboxChange) : persist(["state"]);

  return {
    getJob: async (id) => state.jobIndex.byId.get(id),
    findSameJob: async (job) => findSameJob(state.jobIndex, job),
    wasPruned: async (job) => cycle.wasPruned(state, job),
    recentJobs: async () => cycle.recentJobs(state),
    lastSeq: async () => state.data.lastSeq,

    addSubscription: (input) =>
      change(
        () => chats.addSubscription(state, input),
        () => persist(["subscriptions", "state"]),
      ),
    removeSubscription: (chat, id) =>
      change(
        () => chats.removeSubscription(state, chat, id),
        async (removed) => (removed ? persist(["subscriptions"]) : undefined),
      ),
    removeAllSubscriptions: (chat) =>
      change(
        () => chats.removeAllSubscriptions(state, chat),
        async (removed) => (removed > 0 ? persist(["subscriptions"]) : undefined),
      ),
    subscriptionsOf: async (chat) => chats.subscriptionsOf(state, chat),
    scheduledSubscriptions: async (ids) => chats.scheduledSubscriptions(state, ids),
    countActiveChats: async () => chats.countActiveChats(state),
    countSubscriptions: async () => state.data.subscriptions.length,
    subscriptionChanges: async (since) => chats.subscriptionChanges(state, since),
    allSubscriptions: (take) => allSubscriptions(state.subscriptionChanges, state.data.subscriptions, take),
    getChat: async (chat) => chats.chatState(state.data, chat),
    getChats: async (ids) => chats.getChats(state, ids),
    setPaused: (chat, paused, reason) =>
      change(
        () => chats.setPaused(state, chat, paused, reason),
        () => persist(["state"]),
      ),
    updateChatSettings: (chat, patch) =>
      change(
        () => chats.updateChatSettings(state, chat, patch),
        () => persist(["state"]),
      ),
    setSubscriptionSchedule: (chat, id, schedule) =>
      change(
        () => chats.setSubscriptionSchedule(state, chat, id, schedule),
        async (updated) => (updated ? persist(["subscriptions"]) : undefined),
      ),
    moveChat: (from, to) =>
      change(
        () => chats.moveChat(state, from, to),
        () => persist(["subscriptions", "state"]),
      ),

    updateChatFilters: (chat, filterChange) =>
      change(
        () => chats.updateChat(state, chat, (current) => applyFilterChange(current, filterChange)),
        async (changed) => (changed ? persist(["state"]) : undefined),
      ),
    saveJob: (owner, saved) =>
      change(
        () => chats.updateChat(state, owner, (current) => withSaved(current, saved)),
        async (changed) => (changed ? persist(["state"]) : undefined),
      ),
    unsaveJob: (owner, jobId) =>
      change(
        () => chats.updateChat(state, owner, (current) => withoutSaved(current, jobId)),
        async (changed) => (changed ? persist(["state"]) : undefined),
      ),

    sourceStates: async () => Object.values(state.data.sources),

    commitCycle: (commit) =>
      change(
        () => cycle.commitCycle(state, commit, limits.maxPendingPerChat),
        () => {
          const jobsChanged = commit.newJobs.length > 0 || commit.updatedJobs.length > 0;
          const countsChanged = Object.keys(commit.matchCounts).length > 0;
          return persist([
            ...(jobsChanged ? ["jobs" as const] : []),
            ...(countsChanged ? ["subscriptions" as const] : []),
            "state",
          ]);
        },
      ),

    pendingAlerts: async () => state.data.outbox.slice(),
    pendingAlertsOf: async (chat) => state.data.outbox.filter((entry) => entry.chat === chat),
    async outboxHeads() {
      const heads = new Map<string, OutboxHead>();
      for (const { chat, nextAttemptAt } of state.data.outbox)
        if (!heads.has(chat)) heads.set(chat, { chat, nextAttemptAt });
      return [...heads.values()];
    },
    countPendingAlerts: async () => state.data.outbox.length,
    async removeAlerts(ids) {
      await change(
        () => cycle.removeAlerts(state, ids),
        async (removed) => (removed > 0 ? saveOutbox({ remove: ids.slice() }) : undefined),
      );
    },
    async updateAlerts(entries) {
      await change(
        () => cycle.updateAlerts(state, entries),
        async (updated) => (updated.length > 0 ? saveOutbox({ update: updated }) : undefined),
      );
    },

    async pruneJobs(before, now) {
      // state.json (the record of what was pruned) is saved before jobs.ndjson loses the jobs.
      const prunable = await change(
        () => cycle.markPrunedJobs(state, before, now),
        async (ids) => (ids.size > 0 ? persist(["state"]) : undefined),
      );
      if (prunable.size === 0) return 0;
      return change(
        () => cycle.removeJobs(state, prunable),
        async (pruned) => (pruned > 0 ? persist(["jobs"]) : undefined),
      );
    },
    close: async () => {
      await turn;
      await close();
    },
  };
}
