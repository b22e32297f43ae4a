/**
 * The Store interface over StoreData: the one implementation of its logic. The memory store and
 * the lowdb store differ only in `persist` (nothing, or writing the changed files) and `close`.
 *
 * Each mutating method changes the data synchronously, then persists once (pruning is two such
 * changes, so that what it remembers is saved before the jobs are deleted). Because the change
 * happens before the first await, concurrent calls cannot interleave half-done changes, and each
 * write carries every change made before it. If a write fails, the method rejects; memory still
 * holds the change, and the next successful write saves it.
 */
import * as chats from "./chat-ops.js";
import { ownEntry, type StoreData } from "./data.js";
import * as cycle from "./cycle-ops.js";
import { findSameJob } from "./job-index.js";
import { storeState } from "./state.js";
import type { StorePart } from "./store-files.js";
import type { OutboxHead, Store } from "./store.js";

export interface Persistence {
  /** Saves the parts a change touched, once. */
  persist(parts: readonly StorePart[]): Promise<void>;
  /** Waits for saves in progress. */
  close(): Promise<void>;
}

export function storeOnData(data: StoreData, { persist, close }: Persistence): Store {
  const state = storeState(data);

  return {
    getJob: async (id) => state.jobIndex.byId.get(id),
    findSameJob: async (job) => findSameJob(state.jobIndex, job),
    wasPruned: async (job) => cycle.wasPruned(state, job),
    recentJobs: async () => cycle.recentJobs(state),
    lastSeq: async () => state.data.lastSeq,

    async addSubscription(input) {
      const subscription = chats.addSubscription(state, input);
      await persist(["subscriptions", "state"]);
      return subscription;
    },
    async removeSubscription(chat, id) {
      const removed = chats.removeSubscription(state, chat, id);
      if (removed) await persist(["subscriptions"]);
      return removed;
    },
    async removeAllSubscriptions(chat) {
      const removed = chats.removeAllSubscriptions(state, chat);
      if (removed > 0) await persist(["subscriptions"]);
      return removed;
    },
    subscriptionsOf: async (chat) => chats.subscriptionsOf(state, chat),
    activeSubscriptions: async () => chats.activeSubscriptions(state),
    countSubscriptions: async () => state.data.subscriptions.length,
    subscriptionChanges: async (since) => chats.subscriptionChanges(state, since),
    getChat: async (chat) => ownEntry(state.data.chats, chat),
    getChats: async (ids) => chats.getChats(state, ids),
    async setPaused(chat, paused, reason) {
      chats.setPaused(state, chat, paused, reason);
      await persist(["state"]);
    },
    async moveChat(from, to) {
      chats.moveChat(state, from, to);
      await persist(["subscriptions", "state"]);
    },

    sourceStates: async () => Object.values(state.data.sources),

    async commitCycle(commit) {
      cycle.commitCycle(state, commit);
      const jobsChanged = commit.newJobs.length > 0 || commit.updatedJobs.length > 0;
      const countsChanged = Object.keys(commit.matchCounts).length > 0;
      await persist([
        ...(jobsChanged ? ["jobs" as const] : []),
        ...(countsChanged ? ["subscriptions" as const] : []),
        "state",
      ]);
    },

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
      if (cycle.removeAlerts(state, ids) > 0) await persist(["state"]);
    },
    async updateAlerts(entries) {
      cycle.updateAlerts(state, entries);
      await persist(["state"]);
    },

    async pruneJobs(before, now) {
      // state.json (the record of what was pruned) is saved before jobs.ndjson loses the jobs.
      const prunable = cycle.markPrunedJobs(state, before, now);
      if (prunable.size === 0) return 0;
      await persist(["state"]);
      const pruned = cycle.removeJobs(state, prunable);
      if (pruned > 0) await persist(["jobs"]);
      return pruned;
    },
    close,
  };
}
