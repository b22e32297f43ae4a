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
