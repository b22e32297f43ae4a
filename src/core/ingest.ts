/**
 * Ingest (docs/ARCHITECTURE.md, The data flow): normalise what sources returned, recognise jobs already known (same
 * id, or the same posting from another board), merge what a new sighting adds, and give each job
 * first seen now its seq.
 */
import type { Job, JobDraft, NormalisedJob } from "./job.js";
import { normaliseJob, uniqueTags } from "./job.js";
import type { Logger } from "./logger.js";
import { unsliced, type Slices } from "./slices.js";

export interface KnownJobs {
  findSameJob(job: Pick<Job, "id" | "fingerprint" | "url">): Promise<Job | undefined>;
  /** A job pruned after the retention window that its board still lists: old news, not new. */
  wasPruned(job: Pick<Job, "id" | "fingerprint">): Promise<boolean>;
}

export interface IngestResult {
  /** Jobs first seen in this batch, with seq and firstSeenAt. */
  newJobs: Job[];
  /**
   * The new jobs that came from sources past their baseline and that their board dates at most
   * maxAgeMs before now: these may be announced. An old posting a board lists for the first time
   * is stored (and /latest finds it) but is not news.
   */
  announceable: Job[];
  /** Stored jobs that a new sighting filled in. */
  updatedJobs: Job[];
  /** How many jobs each source brought that Jobhound had not seen before. */
  seenBySource: Map<string, number>;
  /** Jobs pruned from the store that a source still lists: neither stored again nor announced. */
  prunedSeen: Pick<Job, "id" | "fingerprint">[];
}

export interface IngestBatch {
  sourceId: string;
  drafts: JobDraft[];
  /** False for a source's first (baseline) fetch: its jobs are stored, never announced. */
  announce: boolean;
}

/** MAX_JOB_AGE_DAYS's default: a posting older than this when first seen is not announced. */
export const DEFAULT_MAX_JOB_AGE_MS = 30 * 24 * 3_600_000;
const FILLABLE = ["companyUrl", "logoUrl", "category", "employmentType", "salary", "expiresAt"] as const;

/** The stored job with the optional fields it lacks taken from another sighting; undefined if nothing new. */
function mergeJob(known: Job, sighting: NormalisedJob): Job | undefined {
  const merged: Job = { ...known };
  let changed = false;
  for (const field of FILLABLE) {
    if (merged[field] === undefined && sighting[field] !== undefined) {
      Object.assign(merged, { [field]: sighting[field] });
      changed = true;
    }
  }
  // Its own board lists it again: a closed job is open again (listing.ts).
  if (merged.closedAt !== undefined && sighting.id === known.id) {
    delete merged.closedAt;
    changed = true;
  }
  const tags = uniqueTags([...known.tags, ...sighting.tags]);
  if (tags.length > known.tags.length) {
    merged.tags = tags;
    changed = true;
  }
  return changed ? merged : undefined;
}

export async function ingest(
  batches: readonly IngestBatch[],
  known: KnownJobs,
  {
    now,
    lastSeq,
    log,
    maxAgeMs = DEFAULT_MAX_JOB_AGE_MS,
    slices = unsliced,
  }: {
    now: number;
    lastSeq: number;
    log: Logger;
    maxAgeMs?: number;
    /** Pauses for the event loop: a fetch of thousands of items must not keep /healthz, commands and SIGTERM waiting. */
    slices?: Slices;
  },
): Promise<IngestResult> {
  const newJobs: Job[] = [];
  const announceable: Job[] = [];
  const updated = new Map<string, Job>();
  const seenBySource = new Map<string, number>();
  const prunedSeen: Pick<Job, "id" | "fingerprint">[] = [];
  // Jobs added in this batch are not in the store yet: look them up here first.
  const byId = new Map<string, Job>();
  const byFingerprint = new Map<string, Job>();
  let seq = lastSeq;

  for (const { sourceId, drafts, announce } of batches) {
    let seen = 0;
    for (const draft of drafts) {
      if (slices.due()) await slices.pause();
      let job: NormalisedJob;
      try {
        job = normaliseJob(draft);
      } catch (error) {
        log.warn({ source: sourceId, job: draft.id, error: String(error) }, "skipped invalid job");
        continue;
      }
      const found = byId.get(job.id) ?? byFingerprint.get(job.fingerprint) ?? (await known.findSameJob(job));
      // Within one board, postings are told apart by id (docs/ARCHITECTURE.md, The data flow): a company may list one title
      // twice, for two cities. Only another board's copy is the same job by its fingerprint.
      const same = found && (found.id === job.id || found.source !== job.source) ? found : undefined;
      if (same) {
        const merged = mergeJob(updated.get(same.id) ?? same, job);
        if (merged) {
          if (byId.has(merged.id)) Object.assign(byId.get(merged.id) as Job, merged);
          else updated.set(merged.id, merged);
        }
        continue;
      }
      if (await known.wasPruned(job)) {
        prunedSeen.push({ id: job.id, fingerprint: job.fingerprint });
        continue;
      }
      seen += 1;
      seq += 1;
      const stored: Job = { ...job, firstSeenAt: now, seq };
      newJobs.push(stored);
      if (announce && now - stored.postedAt <= maxAgeMs) announceable.push(stored);
      byId.set(stored.id, stored);
      byFingerprint.set(stored.fingerprint, stored);
    }
    seenBySource.set(sourceId, (seenBySource.get(sourceId) ?? 0) + seen);
  }
  return { newJobs, announceable, updatedJobs: [...updated.values()], seenBySource, prunedSeen };
}
