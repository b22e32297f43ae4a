/** The persisted data plus the lookups derived from it: what every store operation works on. */
import type { StoreData } from "./data.js";
import { deepFreeze } from "./data.js";
import { buildJobIndex, type JobIndex } from "./job-index.js";
import { emptyChangeLog, type ChangeLog } from "./subscription-changes.js";

export interface StoreState {
  data: StoreData;
  jobIndex: JobIndex;
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
  return { data, jobIndex: buildJobIndex(data.jobs), subscriptionChanges: emptyChangeLog() };
}
