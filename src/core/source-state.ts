/** What Jobhound remembers about each configured source between cycles (docs/ARCHITECTURE.md, The store contract). */
export interface SourceState {
  /** The source instance id, e.g. "weworkremotely:remote-back-end-programming-jobs". */
  id: string;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  consecutiveFailures: number;
  /** When the current run of failures began. */
  failingSince?: number;
  lastError?: string;
  etag?: string;
  lastModified?: string;
  /** No fetch before this time (politeness floor, backoff). */
  nextFetchAt?: number;
  /** The first successful fetch stores jobs without announcing them. */
  baselineDone: boolean;
  /** Jobs this source brought that Jobhound had not seen before, in total. */
  jobsSeen: number;
}

/** After this many failed fetches in a row a source counts as failing, not just unlucky. */
export const FAILING_AFTER = 3;

export function initialSourceState(id: string): SourceState {
  return { id, consecutiveFailures: 0, baselineDone: false, jobsSeen: 0 };
}

/** After a successful fetch: failures cleared, validators kept for the next conditional request. */
export function recordSuccess(
  state: SourceState,
  now: number,
  outcome: { etag?: string; lastModified?: string; jobsSeen: number; nextFetchAt?: number },
): SourceState {
  const next: SourceState = {
    ...state,
    lastAttemptAt: now,
    lastSuccessAt: now,
    consecutiveFailures: 0,
    baselineDone: true,
    jobsSeen: state.jobsSeen + outcome.jobsSeen,
  };
  delete next.failingSince;
  delete next.lastError;
  if (outcome.etag !== undefined) next.etag = outcome.etag;
  if (outcome.lastModified !== undefined) next.lastModified = outcome.lastModified;
  if (outcome.nextFetchAt !== undefined) next.nextFetchAt = outcome.nextFetchAt;
  else delete next.nextFetchAt;
  return next;
}

/** After a failed fetch: the reason kept in a few words for /sources, the next try pushed back. */
export function recordFailure(state: SourceState, now: number, reason: string, nextFetchAt?: number): SourceState {
  const next: SourceState = {
    ...state,
    lastAttemptAt: now,
    consecutiveFailures: state.consecutiveFailures + 1,
    failingSince: state.failingSince ?? now,
    // Cut by characters, never inside an emoji or other pair of UTF-16 units.
    lastError: [...reason].length > 200 ? `${[...reason].slice(0, 199).join("")}…` : reason,
  };
  if (nextFetchAt !== undefined) next.nextFetchAt = nextFetchAt;
  return next;
}

export type SourceHealth =
  | { status: "healthy" }
  /** One or two failures in a row: probably passing, retried after a backoff. */
  | { status: "backing-off"; failures: number; until?: number }
  /** FAILING_AFTER failures or more in a row. */
  | { status: "failing"; since: number; until?: number };

export function sourceHealth(state: SourceState): SourceHealth {
  if (state.consecutiveFailures === 0) return { status: "healthy" };
  const until = state.nextFetchAt;
  if (state.consecutiveFailures < FAILING_AFTER) {
    return until === undefined
      ? { status: "backing-off", failures: state.consecutiveFailures }
      : { status: "backing-off", failures: state.consecutiveFailures, until };
  }
  const since = state.failingSince ?? state.lastAttemptAt ?? 0;
  return until === undefined ? { status: "failing", since } : { status: "failing", since, until };
}
