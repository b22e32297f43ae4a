/**
 * What the alert cycle reads from the store and writes to it (the full Store interface is in
 * src/store/store.ts): the contract every store implements for the cycle, apart from how the cycle
 * decides what to write (alert-cycle.ts).
 */
import type { OutboxEntry } from "./alert.js";
import type { ChatId } from "./chat.js";
import type { KnownJobs } from "./ingest.js";
import type { Job } from "./job.js";
import type { SourceState } from "./source-state.js";
import type { ChatState, MatchedSubscription, Subscription } from "./subscription.js";

/** What changed in the subscriptions after `since` (a version an earlier call returned; 0 = from the start). */
export interface SubscriptionChanges {
  /** Pass as `since` next time. */
  version: number;
  /** Subscriptions added (or moved to another chat) after `since`, in creation order: what matching needs of them. */
  added: MatchedSubscription[];
  /** Ids of subscriptions removed (or moved) after `since`. */
  removed: string[];
}

/** What one source's turn of the cycle writes, in one store write. */
export interface CycleCommit {
  /** Jobs first seen in this cycle, already stamped with seq and firstSeenAt. */
  newJobs: Job[];
  /** Known jobs whose fields were filled in from another sighting. */
  updatedJobs: Job[];
  /** Source states after this cycle's fetches. */
  sourceStates: SourceState[];
  /** Alerts decided in this cycle. */
  outbox: OutboxEntry[];
  /**
   * Every chat's cursor moves to this seq, only forward: the jobs through it were considered for
   * alerts. One number for all chats, which a store keeps once, not per chat: a chat's cursor reads
   * as the higher of its own (set when the chat is created or resumed) and the latest of these.
   */
  cursor: number;
  /** Per subscription id, how many alerts it contributed in this cycle. */
  matchCounts: Record<string, number>;
  /** Pruned jobs the sources still list (see wasPruned): remembered for another window. */
  prunedSeen?: { at: number; jobs: Pick<Job, "id" | "fingerprint">[] };
}

/** The part of the Store the cycle uses. */
export interface CycleStore extends KnownJobs {
  getJob(id: string): Promise<Job | undefined>;
  lastSeq(): Promise<number>;
  sourceStates(): Promise<SourceState[]>;
  subscriptionChanges(since: number): Promise<SubscriptionChanges>;
  /**
   * Every subscription stored now (what matching needs of each), handed to `take` a page at a time
   * as it is read, the next page read once `take` is done with the last; resolves to the version
   * to follow later changes from (subscriptionChanges). The start of a large bot: a million
   * subscriptions are never in memory twice, as read and as the matcher holds them.
   */
  allSubscriptions(take: (page: MatchedSubscription[]) => Promise<void>): Promise<number>;
  getChats(chats: readonly ChatId[]): Promise<Map<ChatId, ChatState>>;
  scheduledSubscriptions(chats: readonly ChatId[]): Promise<Subscription[]>;
  commitCycle(commit: CycleCommit): Promise<void>;
}
