/**
 * The store in PostgreSQL (DATABASE_URL), for bots past what one JSON file holds (README: "The
 * PostgreSQL store"). Each method is one statement or one transaction; nothing is kept in memory
 * but the jobs and pruned jobs' keys (job-cache.ts), which every process brings up to date from
 * the database.
 */
import { applyFilterChange, withoutSaved, withSaved } from "../../core/chat-filters.js";
import type { Logger } from "../../core/logger.js";
import type { SourceState } from "../../core/source-state.js";
import type { ChatState } from "../../core/subscription.js";
import { descriptionShelf, type DescriptionShelf } from "../description-shelf.js";
import { findSameJob } from "../job-index.js";
import type { Store } from "../store.js";
import * as settings from "./chat-settings-sql.js";
import * as chats from "./chat-sql.js";
import * as cycle from "./cycle-sql.js";
import { jobCache } from "./job-cache.js";
import { migrate } from "./migrations.js";
import * as outbox from "./outbox-sql.js";
import { createPool } from "./pool.js";

export interface PostgresStoreOptions {
  log: Logger;
  /** Connections in the pool. */
  maxConnections?: number;
}

/** Connects, applies missing migrations and loads the jobs; throws when the database cannot be used. */
export async function openPostgresStore(url: string, { log, maxConnections }: PostgresStoreOptions): Promise<Store> {
  const db = createPool(url, log, maxConnections);
  const shelf = descriptionShelf({ log });
  try {
    const migrated = await migrate(db);
    if (migrated > 0) log.info({ migrations: migrated }, "database schema updated");
    const jobs = jobCache(db, shelf);
    const { jobs: loaded } = await jobs.current();
    log.info({ jobs: loaded.length, subscriptions: await chats.countSubscriptions(db) }, "store loaded");
    return postgresStore(db, jobs, shelf);
  } catch (error) {
    shelf.close();
    await db.end();
    throw error;
  }
}

function postgresStore(
  db: ReturnType<typeof createPool>,
  jobs: ReturnType<typeof jobCache>,
  shelf: DescriptionShelf,
): Store {
  /** Writes to jobs: the cache pulls them on the next read, whatever the outcome. */
  const writingJobs = async <T>(write: Promise<T>): Promise<T> => {
    try {
      return await write;
    } finally {
      jobs.invalidate();
    }
  };

  return {
    getJob: async (id) => (await jobs.current()).index.byId.get(id) ?? (await jobs.pulledNow()).index.byId.get(id),
    findSameJob: async (job) => findSameJob((await jobs.current()).index, job),
    recentJobs: async () => (await jobs.current()).jobs.slice().reverse(),
    async wasPruned(job) {
      const { forgotten } = await jobs.current();
      return forgotten.has(`id:${job.id}`) || forgotten.has(`fp:${job.fingerprint}`);
    },
    lastSeq: () => chats.lastSeq(db),

    addSubscription: (input) => chats.addSubscription(db, input),
    removeSubscription: (chat, id) => chats.removeSubscription(db, chat, id),
    removeAllSubscriptions: (chat) => chats.removeAllSubscriptions(db, chat),
    subscriptionsOf: (chat) => chats.subscriptionsOf(db, chat),
    scheduledSubscriptions: (ids) => chats.scheduledSubscriptions(db, ids),
    countActiveChats: () => chats.countActiveChats(db),
    countSubscriptions: () => chats.countSubscriptions(db),
    subscriptionChanges: (since) => chats.subscriptionChanges(db, since),
    allSubscriptions: (take) => chats.allSubscriptions(db, take),
    getChat: async (chat) => (await chats.getChats(db, [chat])).get(chat),
    getChats: (ids) => chats.getChats(db, ids),
    setPaused: (chat, paused, reason) => chats.setPaused(db, chat, paused, reason),
    moveChat: (from, to) => chats.moveChat(db, from, to),
    updateChatSettings: async (chat, patch) =>
      (await settings.updateChatState(db, chat, (state) => settings.withSettings(state, patch))) as ChatState,
    setSubscriptionSchedule: (chat, id, schedule) => settings.setSubscriptionSchedule(db, chat, id, schedule),
    updateChatFilters: async (chat, change) =>
      (await settings.updateChatState(db, chat, (state) => applyFilterChange(state, change))) !== undefined,
    saveJob: async (owner, saved) =>
      (await settings.updateChatState(db, owner, (state) => withSaved(state, saved))) !== undefined,
    unsaveJob: async (owner, jobId) =>
      (await settings.updateChatState(db, owner, (state) => withoutSaved(state, jobId))) !== undefined,

    sourceStates: async () =>
      (await db.query<{ data: SourceState }>("SELECT data FROM sources")).rows.map((r) => r.data),

    commitCycle: (commit) => writingJobs(cycle.commitCycle(db, commit)),

    pendingAlerts: () => outbox.pendingAlerts(db),
    pendingAlertsOf: (chat) => outbox.pendingAlertsOf(db, chat),
    outboxHeads: () => outbox.outboxHeads(db),
    countPendingAlerts: () => outbox.countPendingAlerts(db),
    removeAlerts: (ids) => outbox.removeAlerts(db, ids),
    updateAlerts: (entries) => outbox.updateAlerts(db, entries),

    pruneJobs: (before, now) => writingJobs(cycle.pruneJobs(db, before, now)),
    close: () => {
      shelf.close();
      return db.end();
    },
  };
}
