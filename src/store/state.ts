/** The persisted data plus the lookups derived from it: what every store operation works on. */
import type { StoreData } from "./data.js";
import { deepFreeze } from "./data.js";
import { buildJobIndex, type JobIndex } from "./job-index.js";
import { emptyChangeLog, type ChangeLog } from "./subscription-changes.js";

export interface StoreState {
  data: StoreData;
  jobIndex: JobIndex;
  /**
   * How to undo the in-place edits of the change being made (records set or deleted in chats,
   * sources, forgotten; a job replaced): see beginChange. Arrays that are replaced, not edited,
   * need no entry.
   */
  undo: (() => void)[];
  /** Subscription changes since this state was adopted (subscription-changes.ts). */
  subscriptionChanges: ChangeLog;
}

/**
 * Adopts data (fresh, or just read and validated from a file): freezes its records, which the
 * operations rely on, and builds the job lookups.
 */
export function storeState(data: StoreData): StoreState {
  for (const records of [
    data.jobs,
    data.subscriptions,
    data.outbox,
    Object.values(data.chats),
    Object.values(data.sources),
  ]) {
    for (const record of records) deepFreeze(record);
  }
  return { data, jobIndex: buildJobIndex(data.jobs), undo: [], subscriptionChanges: emptyChangeLog() };
}

/** Sets (or, with undefined, deletes) one keyed record, noting how to undo it. */
export function putEntry<T>(state: StoreState, record: Record<string, T>, key: string, value: T | undefined): void {
  const had = Object.hasOwn(record, key);
  const previous = record[key];
  state.undo.push(() => {
    if (had) record[key] = previous as T;
    else delete record[key];
  });
  if (value === undefined) delete record[key];
  else record[key] = value;
}

/**
 * Starts a change and returns what puts the state back as it was before it, for a change whose
 * save failed (data-store.ts). Cheap when nothing fails: a shallow copy of the top level and the
 * lengths of the two arrays edited in place (jobs and subscriptions are only ever appended to in
 * place; everything else is replaced or goes through putEntry).
 */
export function beginChange(state: StoreState): () => void {
  state.undo = [];
  const before = { ...state.data };
  const lengths = { jobs: state.data.jobs.length, subscriptions: state.data.subscriptions.length };
  const jobIndex = state.jobIndex;
  return () => {
    const undo = state.undo;
    const jobsEdited = undo.length > 0 || state.data.jobs !== before.jobs || state.data.jobs.length !== lengths.jobs;
    for (let i = undo.length - 1; i >= 0; i -= 1) undo[i]?.();
    state.undo = [];
    Object.assign(state.data, before);
    state.data.jobs.length = lengths.jobs;
    state.data.subscriptions.length = lengths.subscriptions;
    // The lookups are edited in place as jobs are added: rebuilt, which only a failed save pays for.
    state.jobIndex = jobsEdited || state.jobIndex !== jobIndex ? buildJobIndex(state.data.jobs) : jobIndex;
  };
}
