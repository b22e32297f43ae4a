/**
 * One alert cycle (docs/ARCHITECTURE.md, The data flow): fetch every source that is due, ingest, match the new jobs, and
 * commit jobs, source state, cursors and decided alerts. Sources on different hosts are fetched in
 * parallel, those on one host one after another; each source's result is committed (one store
 * write) as soon as it arrives, so a slow or failing board delays nobody else's alerts. A failing
 * source is recorded and backed off; nothing a source serves can make the cycle throw.
 */
import type { ChatId } from "./chat.js";
import type { Clock } from "./clock.js";
import { chatsMatched, decideAlerts, matchJobs } from "./decide-alerts.js";
import { describeError } from "./errors.js";
import { isDue, nextFetchAfterFailure, nextFetchAfterSuccess, retryAfterOf, type Random } from "./fetch-schedule.js";
import { ingest } from "./ingest.js";
import { splitBySchedule } from "./schedule-release.js";
import { compareListing } from "./listing.js";
import type { Job } from "./job.js";
import type { Logger } from "./logger.js";
import { jobDocument } from "./query/document.js";
import { liveMatcher } from "./live-matcher.js";
import { explainedNow, type MatcherFactory, type SubscriptionMatcher } from "./query/matcher.js";
import { rememberWords } from "./query/search.js";
import { stoppedBy, timeSlices, type Slices } from "./slices.js";
import type { FetchOutcome, JobSource } from "./source.js";
import { FAILING_AFTER, initialSourceState, recordFailure, recordSuccess, type SourceState } from "./source-state.js";
import type { CycleStore } from "./cycle-store.js";
import type { Subscription } from "./subscription.js";

export interface AlertCycleDeps {
  store: CycleStore;
  sources: readonly JobSource[];
  createMatcher: MatcherFactory;
  clock: Clock;
  /** How long work runs between pauses for the event loop; timeSlices() unless a test says. */
  slices?: Slices;
  log: Logger;
  /** The jitter of backoffs; Math.random unless a test fixes it. */
  random?: Random;
  /** A job its board dates more than this before it was first seen is stored but not announced (ingest.ts). */
  maxJobAgeMs?: number;
  /** Runs after each commit that decided alerts (delivery), one run at a time, not blocking fetches. */
  afterCommit?: () => Promise<unknown>;
}

export interface CycleReport {
  fetched: number;
  /** Sources not due yet (politeness floor or backoff). */
  waiting: number;
  failed: { source: string; reason: string }[];
  newJobs: number;
  alerts: number;
}

export function alertCycle({
  store,
  sources,
  createMatcher,
  clock,
  log: baseLog,
  random = Math.random,
  maxJobAgeMs,
  afterCommit,
  slices = timeSlices(() => clock.now()),
}: AlertCycleDeps) {
  // Every line a run logs carries its cycle number. Runs never overlap (the scheduler skips a tick
  // while one is going), so one current logger is enough.
  let runs = 0;
  let log = baseLog;

  const matchers = liveMatcher({ store, createMatcher, log: baseLog, slices });
  /**
   * The subscriptions with schedules of their own among the chats alerts were decided for, as
   * stored now: a subscription's own schedule (/digest 2 daily 08:30) can change without a
   * subscription change, so the matcher's copies may not have it.
   */
  async function scheduledOf(entries: readonly { chat: ChatId }[]): Promise<Subscription[]> {
    return entries.length === 0 ? [] : store.scheduledSubscriptions([...new Set(entries.map((entry) => entry.chat))]);
  }

  async function fetchOne(source: JobSource, state: SourceState, signal?: AbortSignal): Promise<FetchOutcome | Error> {
    try {
      return await source.fetch(
        { etag: state.etag, lastModified: state.lastModified, ...(signal ? { signal } : {}) },
        log.child({ source: source.id }),
      );
    } catch (error) {
      // Stopped, not failed: the source's state must not count a failure for it.
      if (signal?.aborted) throw signal.reason;
      return error instanceof Error ? error : new Error(describeError(error));
    }
  }

  function failed(source: JobSource, state: SourceState, error: Error, now: number): SourceState {
    const failures = state.consecutiveFailures + 1;
    const nextFetchAt = nextFetchAfterFailure(source, { failures, now, retryAfterMs: retryAfterOf(error), random });
    const fields = { source: source.id, reason: error.message, failures, retryAt: new Date(nextFetchAt).toISOString() };
    if (failures === FAILING_AFTER) log.error(fields, "source is failing");
    else log.warn(fields, "source failed");
    return recordFailure(state, now, error.message, nextFetchAt);
  }

  async function decide(jobs: readonly Job[], current: SubscriptionMatcher, now: number, work: Slices) {
    // Each job's document, made once for matching, also gives /latest's index its words (search.ts);
    // it is let go once the job's matches are explained.
    const matcher = {
      match(job: Job) {
        const doc = jobDocument(job);
        rememberWords(job, doc);
        return explainedNow(current.matchDocument(doc));
      },
    };
    const found = await matchJobs(jobs, matcher, work);
    const chats = await store.getChats(await chatsMatched(found, work));
    return decideAlerts(found, chats, now, work);
  }

  /** After a complete fetch: the source's new listing, and the jobs it stopped listing, closed now. */
  async function closeUnlisted(source: JobSource, state: SourceState, outcome: FetchOutcome, now: number) {
    if (outcome.status !== "ok" || outcome.complete !== true || outcome.skipped > 0) return undefined;
    const others = (await store.sourceStates()).filter((other) => other.id !== source.id);
    const elsewhere = new Set(others.flatMap((other) => other.listed ?? []));
    const { listing, closed } = compareListing(
      state,
      outcome.jobs.map((draft) => draft.id),
      elsewhere,
    );
    const closedJobs: Job[] = [];
    for (const id of closed) {
      const job = await store.getJob(id);
      if (job && job.closedAt === undefined) closedJobs.push({ ...job, closedAt: now });
    }
    return { state: listing, closedJobs };
  }

  /** Ingests one source's outcome and commits it with the alerts it decided; returns how many. */
  async function settle(
    source: JobSource,
    state: SourceState,
    outcome: FetchOutcome | Error,
    startedAt: number,
    report: CycleReport,
    work: Slices,
  ): Promise<number> {
    const now = clock.now();
    const lastSeq = await store.lastSeq();
    if (outcome instanceof Error) {
      report.failed.push({ source: source.id, reason: outcome.message });
      await store.commitCycle({
        newJobs: [],
        updatedJobs: [],
        sourceStates: [failed(source, state, outcome, now)],
        outbox: [],
        cursor: lastSeq,
        matchCounts: {},
      });
      return 0;
    }
    report.fetched += 1;
    if (state.consecutiveFailures > 0)
      log.info({ source: source.id, failures: state.consecutiveFailures }, "source recovered");
    const batches =
      outcome.status === "ok" ? [{ sourceId: source.id, drafts: outcome.jobs, announce: state.baselineDone }] : [];
    const ingested = await ingest(batches, store, {
      now,
      lastSeq,
      log,
      slices: work,
      ...(maxJobAgeMs === undefined ? {} : { maxAgeMs: maxJobAgeMs }),
    });
    const listing = outcome.status === "ok" ? await closeUnlisted(source, state, outcome, now) : undefined;
    const validators = outcome.status === "ok" ? { etag: outcome.etag, lastModified: outcome.lastModified } : {};
    const jobsSeen = ingested.seenBySource.get(source.id) ?? 0;
    const nextState = recordSuccess(listing ? { ...state, ...listing.state } : state, now, {
      ...validators,
      jobsSeen,
      nextFetchAt: nextFetchAfterSuccess(source, startedAt),
    });

    // Alerts are only about new jobs, and cursors only move past them: most fetches bring none, and
    // skip the matcher (and the chats' states, needed only to decide alerts).
    const current = ingested.newJobs.length === 0 ? undefined : await matchers.current();
    const decision =
      current && ingested.announceable.length > 0
        ? await decide(ingested.announceable, current, now, work)
        : { entries: [], matchCounts: {} };
    await store.commitCycle({
      newJobs: ingested.newJobs,
      updatedJobs: listing ? [...ingested.updatedJobs, ...listing.closedJobs] : ingested.updatedJobs,
      sourceStates: [nextState],
      outbox: splitBySchedule(decision.entries, await scheduledOf(decision.entries)),
      cursor: lastSeq + ingested.newJobs.length,
      matchCounts: decision.matchCounts,
      ...(ingested.prunedSeen.length > 0 ? { prunedSeen: { at: now, jobs: ingested.prunedSeen } } : {}),
    });
    report.newJobs += ingested.newJobs.length;
    report.alerts += decision.entries.length;
    return decision.entries.length;
  }

  return {
    /**
     * Runs one cycle. An aborted `signal` (shutdown) ends it promptly, with what was committed so far
     * kept: fetches in flight are cancelled, parsing, ingesting and matching stop at their next pause,
     * and the commit in progress, one store write, finishes. The run then rejects with the signal's reason.
     */
    async run(signal?: AbortSignal): Promise<CycleReport> {
      // Ingest and matching leave nothing behind when dropped midway; the matcher's sync is not stopped.
      const work = stoppedBy(slices, signal);
      log = baseLog.child({ cycle: ++runs });
      const stored = new Map((await store.sourceStates()).map((state) => [state.id, state]));
      const now = clock.now();
      const due = sources.filter((source) => isDue(source, stored.get(source.id), now));
      const report: CycleReport = {
        fetched: 0,
        waiting: sources.length - due.length,
        failed: [],
        newJobs: 0,
        alerts: 0,
      };

      // Commits are made one at a time (each reads lastSeq and writes the next seqs); deliveries
      // too, but on their own chain, so sending alerts never holds up the next commit.
      let commits: Promise<unknown> = Promise.resolve();
      let deliveries: Promise<unknown> = Promise.resolve();
      const settleInTurn = (
        source: JobSource,
        state: SourceState,
        outcome: FetchOutcome | Error,
        startedAt: number,
      ) => {
        const settled = commits.then(() => {
          signal?.throwIfAborted();
          return settle(source, state, outcome, startedAt, report, work);
        });
        commits = settled.catch(() => undefined);
        if (afterCommit) {
          const deliver = () =>
            afterCommit().catch((error: unknown) =>
              log.error({ error: describeError(error) }, "delivery after commit failed"),
            );
          deliveries = Promise.all([deliveries, settled.catch(() => 0)]).then(([, alerts]) =>
            alerts > 0 ? deliver() : undefined,
          );
        }
        return settled;
      };

      const byHost = new Map<string, JobSource[]>();
      for (const source of due) byHost.set(source.host, [...(byHost.get(source.host) ?? []), source]);
      // allSettled: when a commit fails (disk full), the run must still end only after every host's
      // turn has, or the next tick would start a run beside the remains of this one.
      const hosts = await Promise.allSettled(
        [...byHost.values()].map(async (group) => {
          for (const source of group) {
            signal?.throwIfAborted();
            const state = stored.get(source.id) ?? initialSourceState(source.id);
            const startedAt = clock.now();
            await settleInTurn(source, state, await fetchOne(source, state, signal), startedAt);
          }
        }),
      );
      await deliveries;
      const failure = hosts.find((host) => host.status === "rejected");
      if (failure) throw failure.reason;
      log.info({ ...report, failed: report.failed.length }, "cycle done");
      return report;
    },
  };
}

export type AlertCycle = ReturnType<typeof alertCycle>;
