/**
 * One alert cycle (DESIGN §3): fetch every source, ingest, match the new jobs, and commit jobs,
 * source states, cursors and decided alerts in one store write. A failing source is recorded and
 * the others go on; nothing a source serves can make the cycle throw.
 */
import type { OutboxEntry } from "./alert.js";
import type { ChatId } from "./chat.js";
import type { Clock } from "./clock.js";
import { decideAlerts } from "./decide-alerts.js";
import { describeError } from "./errors.js";
import { ingest, type IngestBatch, type KnownJobs } from "./ingest.js";
import type { Job } from "./job.js";
import type { Logger } from "./logger.js";
import type { MatcherFactory } from "./query/matcher.js";
import type { FetchOutcome, JobSource } from "./source.js";
import { initialSourceState, recordFailure, recordSuccess, type SourceState } from "./source-state.js";
import type { ChatState, Subscription } from "./subscription.js";

/** The part of the Store the cycle uses (the full interface is in src/store/store.ts). */
export interface CycleStore extends KnownJobs {
  lastSeq(): Promise<number>;
  sourceStates(): Promise<SourceState[]>;
  activeSubscriptions(): Promise<Subscription[]>;
  getChat(chat: ChatId): Promise<ChatState | undefined>;
  commitCycle(commit: {
    newJobs: Job[];
    updatedJobs: Job[];
    sourceStates: SourceState[];
    outbox: OutboxEntry[];
    cursor: { chats: ChatId[]; seq: number };
    matchCounts: Record<string, number>;
  }): Promise<void>;
}

export interface AlertCycleDeps {
  store: CycleStore;
  sources: readonly JobSource[];
  createMatcher: MatcherFactory;
  clock: Clock;
  log: Logger;
}

export interface CycleReport {
  fetched: number;
  failed: { source: string; reason: string }[];
  newJobs: number;
  alerts: number;
}

export function alertCycle({ store, sources, createMatcher, clock, log }: AlertCycleDeps) {
  async function fetchOne(source: JobSource, state: SourceState): Promise<FetchOutcome | Error> {
    try {
      return await source.fetch({ etag: state.etag, lastModified: state.lastModified }, log.child({ source: source.id }));
    } catch (error) {
      return error instanceof Error ? error : new Error(describeError(error));
    }
  }

  return {
    async run(): Promise<CycleReport> {
      const stored = new Map((await store.sourceStates()).map((state) => [state.id, state]));
      const states = sources.map((source) => stored.get(source.id) ?? initialSourceState(source.id));
      // Sources are independent: fetch them all at once; one failure affects only itself.
      const outcomes = await Promise.all(sources.map((source, i) => fetchOne(source, states[i] as SourceState)));

      const now = clock.now();
      const batches: IngestBatch[] = [];
      const failed: CycleReport["failed"] = [];
      outcomes.forEach((outcome, i) => {
        const source = sources[i] as JobSource;
        if (outcome instanceof Error) {
          failed.push({ source: source.id, reason: outcome.message });
          log.warn({ source: source.id, reason: outcome.message }, "source failed");
        } else if (outcome.status === "ok") {
          batches.push({ sourceId: source.id, drafts: outcome.jobs, announce: (states[i] as SourceState).baselineDone });
        }
      });

      const lastSeq = await store.lastSeq();
      const ingested = await ingest(batches, store, { now, lastSeq, log });
      const nextStates = sources.map((source, i) => {
        const state = states[i] as SourceState;
        const outcome = outcomes[i] as FetchOutcome | Error;
        if (outcome instanceof Error) return recordFailure(state, now, outcome.message);
        const validators = outcome.status === "ok" ? { etag: outcome.etag, lastModified: outcome.lastModified } : {};
        return recordSuccess(state, now, { ...validators, jobsSeen: ingested.seenBySource.get(source.id) ?? 0 });
      });

      const subscriptions = await store.activeSubscriptions();
      const chatIds = [...new Set(subscriptions.map((s) => s.chat))];
      const chats = new Map<ChatId, ChatState>();
      for (const chat of chatIds) {
        const state = await store.getChat(chat);
        if (state) chats.set(chat, state);
      }
      const matcher = createMatcher(subscriptions, log);
      const decision = decideAlerts(ingested.announceable, matcher, chats, now);
      const newLastSeq = lastSeq + ingested.newJobs.length;

      await store.commitCycle({
        newJobs: ingested.newJobs,
        updatedJobs: ingested.updatedJobs,
        sourceStates: nextStates,
        outbox: decision.entries,
        cursor: { chats: chatIds, seq: newLastSeq },
        matchCounts: decision.matchCounts,
      });
      const report = {
        fetched: sources.length - failed.length,
        failed,
        newJobs: ingested.newJobs.length,
        alerts: decision.entries.length,
      };
      log.info({ ...report, failed: failed.length }, "cycle done");
      return report;
    },
  };
}

export type AlertCycle = ReturnType<typeof alertCycle>;
