/** What Jobhound remembers about each configured source between cycles (DESIGN §2). */
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
  /** Jobs this source has contributed in total (new or merged). */
  jobsSeen: number;
}

export function initialSourceState(id: string): SourceState {
  return { id, consecutiveFailures: 0, baselineDone: false, jobsSeen: 0 };
}

/** After a successful fetch: failures cleared, validators kept for the next conditional request. */
export function recordSuccess(
  state: SourceState,
  now: number,
  outcome: { etag?: string; lastModified?: string; jobsSeen: number },
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
  return next;
}

/** After a failed fetch: the reason kept in a few words for /sources. */
export function recordFailure(state: SourceState, now: number, reason: string): SourceState {
  return {
    ...state,
    lastAttemptAt: now,
    consecutiveFailures: state.consecutiveFailures + 1,
    failingSince: state.failingSince ?? now,
    lastError: reason.length > 200 ? `${reason.slice(0, 199)}…` : reason,
  };
}
