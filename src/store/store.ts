/**
 * The one persistence interface. Every implementation (files on disk, PostgreSQL, memory for tests)
 * passes the contract suite in tests/contract/store.contract.ts.
 *
 * Mutations are coarse on purpose: each method is saved before it resolves, and the alert cycle
 * commits everything one source's fetch decided (jobs, cursors, outbox, source state) in one
 * commitCycle call, so a kill at any instant leaves the state before or after a commit (on disk,
 * state.json is the commit point: see store-files.ts).
 *
 * A mutation whose save fails rejects with StoreWriteError (core/errors.ts) and changes nothing: the
 * store has undone it in memory, and no later save writes it (commands answer so, in commands/run.ts).
 * commitCycle holds each chat to the store's maxPendingPerChat (store/outbox-bound.ts): beyond it the
 * oldest entries fold into one entry with `overflow` set and no items.
 */
import type { OutboxEntry } from "../core/alert.js";
import type { ChatId } from "../core/chat.js";
import type { Job } from "../core/job.js";
import type { CycleCommit, SubscriptionChanges } from "../core/cycle-store.js";
import type { SourceState } from "../core/source-state.js";
import type { Schedule } from "../core/schedule.js";
import type {
  ChatSettingsPatch,
  ChatState,
  MatchedSubscription,
  SavedJob,
  Subscription,
} from "../core/subscription.js";
import type { ChatFilterChange } from "../core/chat-filters.js";

export type { CycleCommit, SubscriptionChanges } from "../core/cycle-store.js";

export type NewSubscription = Pick<Subscription, "chat" | "createdBy" | "query" | "createdAt">;

/** The first pending alert of a chat: when delivery should next turn to that chat. */
export interface OutboxHead {
  chat: ChatId;
  nextAttemptAt: number;
}

export interface Store {
  // Jobs
  getJob(id: string): Promise<Job | undefined>;
  /** A stored job that is the same posting: same id, else same fingerprint or canonical URL. */
  findSameJob(job: Pick<Job, "id" | "fingerprint" | "url">): Promise<Job | undefined>;
  /** Every stored job, newest first (highest seq first). */
  recentJobs(): Promise<Job[]>;
  /**
   * Whether this job was pruned (and its board listed it within the last REMEMBER_PRUNED_MS), by
   * id or fingerprint: such a job is old news, not a new job.
   */
  wasPruned(job: Pick<Job, "id" | "fingerprint">): Promise<boolean>;
  /** The highest seq ever assigned (0 when none). Never decreases, even after pruning. */
  lastSeq(): Promise<number>;

  // Subscriptions and chats
  /** Stores a subscription with a new short id and `sinceSeq` = lastSeq(); creates the chat. */
  addSubscription(input: NewSubscription): Promise<Subscription>;
  /** Removes one subscription of this chat; false when the chat has none with that id. */
  removeSubscription(chat: ChatId, id: string): Promise<boolean>;
  /** Removes every subscription of a chat; returns how many. */
  removeAllSubscriptions(chat: ChatId): Promise<number>;
  subscriptionsOf(chat: ChatId): Promise<Subscription[]>;
  /**
   * The subscriptions of these chats that have a schedule of their own (setSubscriptionSchedule),
   * in one read: what the alert cycle needs of the hundreds of thousands of chats a large cycle
   * alerts, without one read per chat.
   */
  scheduledSubscriptions(chats: readonly ChatId[]): Promise<Subscription[]>;
  /** Chats with at least one subscription whose alerts are not paused (a count: /metrics reads it on every scrape). */
  countActiveChats(): Promise<number>;
  countSubscriptions(): Promise<number>;
  /**
   * What changed in the subscriptions after `since`, for the alert cycle's index of every
   * subscription (paused chats included). A caller applies `removed`, then `added`, to what it
   * holds (ids it does not hold are ignored). Each store says how long it keeps changes: the
   * embedded store keeps them for one reader (see chat-ops.ts).
   */
  subscriptionChanges(since: number): Promise<SubscriptionChanges>;
  /** The index's first read: every subscription, page by page, and the version changes follow from (cycle-store.ts). */
  allSubscriptions(take: (page: MatchedSubscription[]) => Promise<void>): Promise<number>;
  getChat(chat: ChatId): Promise<ChatState | undefined>;
  /** The states of these chats (those that exist), in one read. */
  getChats(chats: readonly ChatId[]): Promise<Map<ChatId, ChatState>>;
  /**
   * Pauses or resumes a chat. Resuming moves its cursor to lastSeq(): what came meanwhile is not
   * replayed.
   */
  setPaused(chat: ChatId, paused: boolean, reason?: string): Promise<void>;
  /**
   * Sets (a value) or removes (null) the chat's time zone, digest schedule and quiet hours, leaving
   * the fields the patch does not name; creates the chat state (cursor at lastSeq) if there is none.
   */
  updateChatSettings(chat: ChatId, patch: ChatSettingsPatch): Promise<ChatState>;
  /**
   * Gives one of this chat's subscriptions its own schedule, or with undefined has it follow the
   * chat's again; the updated subscription, or undefined when the chat has none with that id.
   */
  setSubscriptionSchedule(chat: ChatId, id: string, schedule: Schedule | undefined): Promise<Subscription | undefined>;
  /** Moves a chat's subscriptions and state to a new address (Telegram group migration). */
  moveChat(from: ChatId, to: ChatId): Promise<void>;
  /**
   * Mutes or unmutes a company, or hides a job, in a chat (chat-filters.ts applyFilterChange),
   * creating the chat's state if it has none; false when nothing changed (already muted, …).
   */
  updateChatFilters(chat: ChatId, change: ChatFilterChange): Promise<boolean>;
  /** Adds a job to the saved list of a person's private chat (ChatState.saved); false if already there. */
  saveJob(owner: ChatId, saved: SavedJob): Promise<boolean>;
  /** Removes a job from that list; false when it was not saved. */
  unsaveJob(owner: ChatId, jobId: string): Promise<boolean>;

  // Sources
  sourceStates(): Promise<SourceState[]>;

  // The cycle
  commitCycle(commit: CycleCommit): Promise<void>;

  // Outbox
  /** The whole outbox, in the order alerts were decided. */
  pendingAlerts(): Promise<OutboxEntry[]>;
  /** One chat's pending alerts, in order: what delivery reads on each turn. */
  pendingAlertsOf(chat: ChatId): Promise<OutboxEntry[]>;
  /** Each chat with pending alerts, with its first entry's next attempt time. */
  outboxHeads(): Promise<OutboxHead[]>;
  countPendingAlerts(): Promise<number>;
  /** Removes entries once the platform confirmed them, or when they are given up. */
  removeAlerts(ids: string[]): Promise<void>;
  /** Replaces entries (attempts, next attempt time) after a failed send. */
  updateAlerts(entries: OutboxEntry[]): Promise<void>;

  // Upkeep
  /**
   * Drops alerts queued before `before` (their platform has not been running to send them), then
   * deletes jobs first seen before `before` that no pending alert refers to, remembering them (see
   * wasPruned) until their boards have not listed them for REMEMBER_PRUNED_MS, counted back from
   * `now` (the current time); returns how many. The record of the pruned jobs is saved before the
   * jobs are deleted from disk, so a kill between the two never leaves them neither stored nor remembered.
   */
  pruneJobs(before: number, now: number): Promise<number>;
  /** Waits for any write in progress (shutdown). */
  close(): Promise<void>;
}

/**
 * Which copy delivers a chat's outbox, when several copies share one database (README "Running
 * several copies"). A claim expires unless renewed, so a dead copy's chats go to the others.
 */
export interface DeliveryClaims {
  /** Takes this chat for this copy, or renews the claim it holds; false while another copy holds it. */
  claim(chat: ChatId): Promise<boolean>;
  /** This copy has nothing left to send the chat: another may take it. */
  release(chat: ChatId): Promise<void>;
}
