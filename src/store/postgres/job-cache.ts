/**
 * The stored jobs, and the keys of pruned jobs still remembered (wasPruned), kept in this process
 * and brought up to date from the database by version.
 * /latest and /subscribe read every stored job, and ingest recognises each fetched posting by id,
 * fingerprint or URL: pulling 50,000 descriptions per command, or one query per posting, would
 * cost far more than holding them (the embedded store holds them too). Jobs are append-mostly, so
 * an update is one small query: the jobs and tombstones written after the version held, and the
 * current version (job_clock), read in one statement, so in one snapshot. The remembered keys
 * (a few thousand) are read whole when their set changed (job_clock.forgotten_version).
 *
 * A refresh is skipped when the last one started less than FRESH_MS ago and this process wrote no
 * jobs since: within one process a write is always seen by the next read, and another process's
 * commit is seen within FRESH_MS.
 */
import type { Job } from "../../core/job.js";
import type { DescriptionShelf } from "../description-shelf.js";
import { buildJobIndex, indexJob, positionOfSeq, reindexJob, type JobIndex } from "../job-index.js";
import { readPagesAhead, transaction, type Db } from "./pool.js";

const FRESH_MS = 200;

export interface JobsView {
  /** Ascending by seq; frozen records. */
  jobs: readonly Job[];
  index: JobIndex;
  /** Pruned jobs still remembered, as `id:<job id>` and `fp:<fingerprint>`. */
  forgotten: ReadonlySet<string>;
}

type ChangeRow =
  | { kind: "clock"; seq: number; cleared: number; data: number }
  | { kind: "job"; seq: number; cleared: null; data: Job }
  | { kind: "gone"; seq: number; cleared: null; data: null }
  | { kind: "forgotten"; seq: null; cleared: null; data: string };

const BESIDES_JOBS = `
  SELECT 'clock' AS kind, version AS seq, tombstones_cleared_to AS cleared, to_jsonb(forgotten_version) AS data
    FROM job_clock
  UNION ALL SELECT 'gone', seq, NULL, NULL FROM job_tombstones WHERE version > $1
  UNION ALL SELECT 'forgotten', NULL, NULL, to_jsonb(key) FROM forgotten
    WHERE (SELECT forgotten_version FROM job_clock) <> $2`;

const CHANGES = `${BESIDES_JOBS}
  UNION ALL SELECT 'job', seq, NULL, data FROM jobs WHERE version > $1`;

/**
 * Jobs per read when the cache loads them all (at start): 50,000 jobs with their descriptions in
 * one result took some 400 MB while it was parsed, which the process kept (issue 16: RSS < 1 GB).
 * A page's descriptions are parsed as strings before the shelf takes them: pages of 2,000 (17 MB
 * of strings) lived long enough to be moved to the old generation, and the bot was ready with 450
 * to 680 MB of heap where 410 MB were live; pages of 250 die young (450 MB at ready).
 */
const LOAD_PAGE = 250;
const JOBS_PAGE = "SELECT 'job' AS kind, seq, NULL AS cleared, data FROM jobs WHERE seq > $1 ORDER BY seq LIMIT $2";

function clockOf(rows: readonly ChangeRow[]): { seq: number; cleared: number; data: number } {
  const clock = rows.find((row) => row.kind === "clock");
  if (!clock) throw new Error("job_clock has no row: the database was not migrated");
  return clock;
}

/** `shelf` holds the jobs' descriptions (description-shelf.ts). */
export function jobCache(db: Db, shelf: DescriptionShelf, now: () => number = () => performance.now()) {
  let jobs: Job[] = [];
  let index = buildJobIndex([]);
  /** The job_clock version the cache reflects; -1 before the first load. */
  let version = -1;
  let forgotten = new Set<string>();
  let forgottenVersion = -1;
  let startedAt = -Infinity;
  let stale = true;

  const changesAfter = async (since: number) => (await db.query<ChangeRow>(CHANGES, [since, forgottenVersion])).rows;

  /**
   * Every job, a page at a time, in one snapshot (REPEATABLE READ) with the clock and the
   * remembered keys; returns the rows that are not jobs.
   */
  async function loadAll(): Promise<ChangeRow[]> {
    jobs = [];
    index = buildJobIndex([]);
    return transaction(
      db,
      async (tx) => {
        const { rows } = await tx.query<ChangeRow>(BESIDES_JOBS, [-1, -1]);
        await readPagesAhead<ChangeRow>(
          (after) => tx.query<ChangeRow>(JOBS_PAGE, [after?.seq ?? -1, LOAD_PAGE]),
          LOAD_PAGE,
          apply,
        );
        return rows;
      },
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    );
  }

  async function pull(): Promise<void> {
    const started = now();
    stale = false;
    let rows = version < 0 ? await loadAll() : await changesAfter(version);
    // Tombstones this cache had not seen were deleted: start over.
    if (version >= 0 && version < clockOf(rows).cleared) rows = await loadAll();
    apply(rows);
    const clock = clockOf(rows);
    if (clock.data !== forgottenVersion) {
      forgotten = new Set(rows.filter((row) => row.kind === "forgotten").map((row) => row.data as string));
      forgottenVersion = clock.data;
    }
    version = clock.seq;
    startedAt = started;
  }

  function apply(rows: readonly ChangeRow[]): void {
    const upserts = rows.filter((row) => row.kind === "job").sort((a, b) => a.seq - b.seq);
    let rebuild = false;
    for (const job of shelf.holdAll(upserts.map((row) => row.data as Job))) {
      const last = jobs.at(-1);
      if (!last || job.seq > last.seq) {
        jobs.push(job);
        indexJob(index, job);
        continue;
      }
      const at = positionOfSeq(jobs, job.seq);
      if (at >= 0) {
        const old = jobs[at] as Job;
        jobs[at] = job;
        index = reindexJob(index, jobs, old, job);
      } else {
        // A job committed below one already held (another process's commit seen late): rare.
        jobs.splice(
          jobs.findIndex((j) => j.seq > job.seq),
          0,
          job,
        );
        rebuild = true;
      }
    }
    const gone = new Set(rows.filter((row) => row.kind === "gone").map((row) => row.seq));
    if (gone.size > 0) {
      const kept = jobs.filter((job) => !gone.has(job.seq));
      rebuild ||= kept.length < jobs.length;
      jobs = kept;
    }
    if (rebuild) index = buildJobIndex(jobs);
  }

  let queue: Promise<void> = Promise.resolve();
  let next: Promise<void> | undefined;
  /** Pulls changes; a call made while a pull runs waits for the next one, which starts after it. */
  function load(): Promise<void> {
    next ??= queue.then(() => {
      next = undefined;
      return pull();
    });
    const pulling = next;
    queue = pulling.catch(() => {});
    return pulling;
  }

  return {
    async current(): Promise<JobsView> {
      if (stale || now() - startedAt >= FRESH_MS) await load();
      return { jobs, index, forgotten };
    },
    /**
     * The jobs as of a pull started now. For a job not found: delivery reads an alert committed by
     * another process (or by this one, before its write was marked), and the cache may be up to
     * FRESH_MS older than that alert; "not found" must mean pruned, never "not pulled yet".
     */
    async pulledNow(): Promise<JobsView> {
      await load();
      return { jobs, index, forgotten };
    },
    /** After this process wrote jobs: the next read pulls them. */
    invalidate(): void {
      stale = true;
    },
  };
}
