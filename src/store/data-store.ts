/**
 * The Store interface over StoreData: the one implementation of its logic. The memory store and
 * the lowdb store differ only in `persist` (nothing, or one whole-file write) and `close`.
 *
 * Each mutating method changes the data synchronously, then persists once. Because the change
 * happens before the first await, concurrent calls cannot interleave half-done changes, and each
 * write carries every change made before it. If a write fails, the method rejects; memory still
 * holds the change, and the next successful write saves it.
 */
import * as chats from "./chat-ops.js";
import { ownEntry, type StoreData } from "./data.js";
import * as cycle from "./cycle-ops.js";
import { findSameJob } from "./job-index.js";
import { storeState } from "./state.js";
import type { Store } from "./store.js";

export interface Persistence {
  /** Saves the whole data once. */
  persist(): Promise<void>;
  /** Waits for saves in progress. */
  close(): Promise<void>;
}

export function storeOnData(data: StoreData, { persist, close }: Persistence): Store {
  const state = storeState(data);

  return {
    getJob: async (id) => state.jobIndex.byId.get(id),
    findSameJob: async (job) => findSameJob(state.jobIndex, job),
    recentJobs: async () => cycle.recentJobs(state),
    lastSeq: async () => state.data.lastSeq,

    async addSubscription(input) {
      const subscription = chats.addSubscription(state, input);
      await persist();
      return subscription;
    },
    async removeSubscription(chat, id) {
      const removed = chats.removeSubscription(state, chat, id);
      if (removed) await persist();
      return removed;
    },
    async removeAllSubscriptions(chat) {
      const removed = chats.removeAllSubscriptions(state, chat);
      if (removed > 0) await persist();
      return removed;
    },
    subscriptionsOf: async (chat) => chats.subscriptionsOf(state, chat),
    activeSubscriptions: async () => chats.activeSubscriptions(state),
    countSubscriptions: async () => state.data.subscriptions.length,
    getChat: async (chat) => ownEntry(state.data.chats, chat),
    async setPaused(chat, paused, reason) {
      chats.setPaused(state, chat, paused, reason);
      await persist();
    },
    async moveChat(from, to) {
      chats.moveChat(state, from, to);
      await persist();
    },

    sourceStates: async () => Object.values(state.data.sources),

    async commitCycle(commit) {
      cycle.commitCycle(state, commit);
      await persist();
    },

    pendingAlerts: async () => state.data.outbox.slice(),
    async removeAlerts(ids) {
      if (cycle.removeAlerts(state, ids) > 0) await persist();
    },
    async updateAlerts(entries) {
      cycle.updateAlerts(state, entries);
      await persist();
    },

    async pruneJobs(before) {
      const pruned = cycle.pruneJobs(state, before);
      if (pruned > 0) await persist();
      return pruned;
    },
    close,
  };
}
