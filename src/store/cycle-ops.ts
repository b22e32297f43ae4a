/**
 * Jobs, the cycle commit, the outbox and pruning, as plain operations on the store state (no I/O).
 */
import type { OutboxEntry } from "../core/alert.js";
import type { Job } from "../core/job.js";
import { addMatchCounts, moveCursors } from "./chat-ops.js";
import { ownCopy } from "./data.js";
import { buildJobIndex, indexJob, positionOfSeq, reindexJob, toStoredJob } from "./job-index.js";
import { boundOutbox } from "./outbox-bound.js";
import { putEntry, type StoreState } from "./state.js";
import type { CycleCommit } from "./store.js";

/**
 * Checked before anything changes, so a faulty commit leaves the store as it was. The jobs array
 * stays sorted by seq only if every new seq is above every stored one.
 */
function checkNewJobs(state: StoreState, jobs: readonly Job[]): void {
  let previous = state.data.lastSeq;
  const ids = new Set<string>();
  for (const job of jobs) {
    if (!Number.isSafeInteger(job.seq) || job.seq <= previous) {
      throw new Error(`commitCycle: job ${job.id} has seq ${job.seq}, expected an integer above ${previous}`);
    }
    if (state.jobIndex.byId.has(job.id) || ids.has(job.id))
      throw new Error(`commitCycle: job ${job.id} is already stored or listed twice`);
    ids.add(job.id);
    previous = job.seq;
  }
}

export function commitCycle(state: StoreState, commit: CycleCommit, maxPendingPerChat: number): void {
  const newJobs = [...commit.newJobs].sort((a, b) => a.seq - b.seq);
  checkNewJobs(state, newJobs);
  const { data } = state;
  for (const job of newJobs) {
    const stored = toStoredJob(job);
    data.jobs.push(stored);
    indexJob(state.jobIndex, stored);
  }
  data.lastSeq = newJobs.at(-1)?.seq ?? data.lastSeq;
  for (const job of commit.updatedJobs) replaceJob(state, job);
  for (const source of commit.sourceStates) putEntry(state, data.sources, source.id, ownCopy(source));
  // A new array, in a loop: a cycle may decide hundreds of thousands of alerts, too many to spread
  // as arguments, and a write in progress may still be reading the old array.
  const outbox = data.outbox.slice();
  const alerted = new Set<string>();
  for (const entry of commit.outbox) {
    outbox.push(ownCopy(entry));
    alerted.add(entry.chat);
  }
  data.outbox = alerted.size > 0 ? boundOutbox(outbox, alerted, maxPendingPerChat) : outbox;
  moveCursors(state, commit.cursor);
  addMatchCounts(state, commit.matchCounts);
  if (commit.prunedSeen) rememberPruned(state, commit.prunedSeen.jobs, commit.prunedSeen.at);
}

/**
 * seq and firstSeenAt belong to the first sighting and keep the stored values. A job pruned since
 * the cycle read it is not brought back.
 */
function replaceJob(state: StoreState, job: Job): void {
  const stored = state.jobIndex.byId.get(job.id);
  if (!stored) return;
  const next = toStoredJob({ ...job, seq: stored.seq, firstSeenAt: stored.firstSeenAt });
  const jobs = state.data.jobs;
  const position = positionOfSeq(jobs, stored.seq);
  state.undo.push(() => (jobs[position] = stored));
  jobs[position] = next;
  state.jobIndex = reindexJob(state.jobIndex, state.data.jobs, stored, next);
}

export function recentJobs({ data }: StoreState): Job[] {
  return data.jobs.slice().reverse();
}

/** Replaces the entries still pending; returns the stored copies (an update of no pending entry changes nothing). */
export function updateAlerts({ data }: StoreState, entries: readonly OutboxEntry[]): OutboxEntry[] {
  const replacements = new Map(entries.map((entry) => [entry.id, entry]));
  const updated: OutboxEntry[] = [];
  // An entry no longer pending was confirmed or given up: an update must not bring it back.
  data.outbox = data.outbox.map((entry) => {
    const replacement = replacements.get(entry.id);
    if (!replacement) return entry;
    const stored = ownCopy(replacement);
    updated.push(stored);
    return stored;
  });
  return updated;
}

export function removeAlerts({ data }: StoreState, ids: readonly string[]): number {
  const removed = new Set(ids);
  const before = data.outbox.length;
  data.outbox = data.outbox.filter((entry) => !removed.has(entry.id));
  return before - data.outbox.length;
}

/** How long a pruned job is remembered after its board last listed it. */
export const REMEMBER_PRUNED_MS = 30 * 24 * 3_600_000;

const forgottenKeys = (job: Pick<Job, "id" | "fingerprint">) => [`id:${job.id}`, `fp:${job.fingerprint}`];

export function wasPruned({ data }: StoreState, job: Pick<Job, "id" | "fingerprint">): boolean {
  return forgottenKeys(job).some((key) => Object.hasOwn(data.forgotten, key));
}

/** Marks pruned jobs as still listed at `now`, so they stay remembered. */
export function rememberPruned(state: StoreState, jobs: readonly Pick<Job, "id" | "fingerprint">[], now: number): void {
  for (const job of jobs) for (const key of forgottenKeys(job)) putEntry(state, state.data.forgotten, key, now);
}

const pendingJobIds = ({ data }: StoreState) =>
  new Set(data.outbox.flatMap((entry) => entry.items.map((item) => item.jobId)));

/**
 * The first half of pruning, everything state.json holds: forgets pruned jobs no board has listed
 * for REMEMBER_PRUNED_MS before `now`, drops alerts queued before `before`, and remembers the jobs
 * first seen before `before` that no pending alert refers to, as listed at `now` (when their
 * board last listed them is not known: at `now` at the latest, so they are kept a full window).
 * Returns those jobs' ids; removeJobs deletes them once this is saved, so that a kill between
 * the two writes leaves them stored, never forgotten and unremembered.
 */
export function markPrunedJobs(state: StoreState, before: number, now: number): Set<string> {
  const { data } = state;
  for (const [key, listedAt] of Object.entries(data.forgotten)) {
    if (listedAt < now - REMEMBER_PRUNED_MS) putEntry(state, data.forgotten, key, undefined);
  }
  // An alert still queued after the whole window (its platform has not run since) is dropped, so
  // the outbox and the jobs it holds on to stay bounded.
  data.outbox = data.outbox.filter((entry) => entry.createdAt >= before);
  const pending = pendingJobIds(state);
  const old = data.jobs.filter((job) => job.firstSeenAt < before && !pending.has(job.id));
  rememberPruned(state, old, now);
  return new Set(old.map((job) => job.id));
}

/**
 * The second half of pruning: deletes the given jobs, except any an alert queued since refers to;
 * returns how many. lastSeq is left alone: seqs are never reused, or a chat's cursor would skip new jobs.
 */
export function removeJobs(state: StoreState, ids: ReadonlySet<string>): number {
  const { data } = state;
  const pending = pendingJobIds(state);
  const kept = data.jobs.filter((job) => !ids.has(job.id) || pending.has(job.id));
  const removed = data.jobs.length - kept.length;
  if (removed === 0) return 0;
  data.jobs = kept;
  state.jobIndex = buildJobIndex(kept);
  return removed;
}
