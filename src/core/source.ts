/**
 * What the alert cycle needs from a job source. Implementations live in src/sources/ (fetching
 * and parsing); the cycle only sees this interface, so core never touches the network.
 */
import type { JobDraft } from "./job.js";
import type { Logger } from "./logger.js";

export interface FetchRequest {
  /** Validators from the previous successful fetch, for a conditional request. */
  etag?: string;
  lastModified?: string;
  /**
   * Aborted when the bot is shutting down: the fetch then stops at its next pause (a request in
   * flight, a slice of parsing) and rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export type FetchOutcome =
  | {
      status: "ok";
      jobs: JobDraft[];
      /** Items present in the payload that could not be parsed (each was logged). */
      skipped: number;
      /**
       * The jobs are everything the board lists now (every page was fetched), so a job missing
       * from them is no longer listed (listing.ts). Unset: some may be missing, e.g. a page failed.
       */
      complete?: boolean;
      etag?: string;
      lastModified?: string;
    }
  | { status: "not-modified" };

export interface JobSource {
  /** Unique per configured source, stable across restarts: "weworkremotely:remote-devops-sysadmin-jobs". */
  id: string;
  /** The kind, which is also Job.source: "weworkremotely". */
  kind: string;
  /** For people: "We Work Remotely · DevOps and Sysadmin". */
  label: string;
  /** The host fetched: sources sharing one are fetched one at a time, never in parallel. */
  host: string;
  /**
   * The politeness floor: the least time between two fetches of this source, whatever the
   * schedule says. 0 fetches on every cycle (a board of your own, a test server).
   */
  minIntervalMs: number;
  /**
   * Throws an Error whose message says what went wrong, in a few words. An error carrying a
   * numeric `retryAfterMs` (a 429 or 503 with Retry-After) is not retried before that.
   */
  fetch(request: FetchRequest, log: Logger): Promise<FetchOutcome>;
}
