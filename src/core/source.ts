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
}

export type FetchOutcome =
  | {
      status: "ok";
      jobs: JobDraft[];
      /** Items present in the payload that could not be parsed (each was logged). */
      skipped: number;
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
  /** Throws an Error whose message says what went wrong, in a few words. */
  fetch(request: FetchRequest, log: Logger): Promise<FetchOutcome>;
}
