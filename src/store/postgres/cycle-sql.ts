/**
 * The cycle commit and pruning, each one transaction of a handful of set-based statements: a
 * cycle's new jobs, queued alerts and match counts go by COPY (copy-rows.ts), the rest as JSON
 * arrays that PostgreSQL unpacks (jsonb_array_elements), never one statement per row.
 */
import type { Job } from "../../core/job.js";
import { REMEMBER_PRUNED_MS } from "../cycle-ops.js";
import { toStoredJob, withCappedDescription } from "../job-index.js";
import type { CycleCommit } from "../store.js";
import { copyField, copyRows } from "./copy-rows.js";
import { insertAlerts } from "./outbox-sql.js";
import { transaction, type Db, type Tx } from "./pool.js";
import { toJson } from "./records.js";

/** How long tombstones of pruned jobs are kept for other processes' job caches to see. */
const TOMBSTONE_MS = 7 * 24 * 3_600_000;

/** Takes the jobs' turn (writers of jobs go one at a time) and a new version for what it writes. */
async function bumpJobClock(tx: Tx): Promise<{ version: number; lastSeq: number }> {
  const { rows } = await tx.query<{ version: number; last_seq: number }>(
    "UPDATE job_clock SET version = version + 1 RETURNING version, last_seq",
  );
  const clock = rows[0];
  if (!clock) throw new Error("job_clock has no row: the database was not migrated");
  return { version: clock.version, lastSeq: clock.last_seq };
}

/** Checked before anything is written, so a faulty commit leaves the store as it was. */
function checkNewJobs(lastSeq: number, jobs: readonly Job[]): void {
  let previous = lastSeq;
  const ids = new Set<string>();
  for (const job of jobs) {
    if (!Number.isSafeInteger(job.seq) || job.seq <= previous) {
      throw new Error(`commitCycle: job ${job.id} has seq ${job.seq}, expected an integer above ${previous}`);
    }
    if (ids.has(job.id)) throw new Error(`commitCycle: job ${job.id} is already stored or listed twice`);
    ids.add(job.id);
    previous = job.seq;
  }
}

async function insertJobs(tx: Tx, jobs: readonly Job[], version: number): Promise<void> {
  const { rows } = await tx.query<{ id: string }>("SELECT id FROM jobs WHERE id = ANY($1::text[]) LIMIT 1", [
    jobs.map((job) => job.id),
  ]);
  if (rows[0]) throw new Error(`commitCycle: job ${rows[0].id} is already stored or listed twice`);
  await copyRows(tx, "jobs (seq, id, first_seen_at, version, data)", jobs, (job) => [
    String(job.seq),
    copyField(job.id),
    String(job.firstSeenAt),
    String(version),
    copyField(toJson(job)),
  ]);
}

/** seq and firstSeenAt belong to the first sighting and keep the stored values. */
async function updateJobs(tx: Tx, jobs: readonly Job[], version: number): Promise<void> {
  await tx.query(
    `UPDATE jobs SET version = $2,
       data = u.j || jsonb_build_object('seq', jobs.seq, 'firstSeenAt', jobs.data->'firstSeenAt')
     FROM jsonb_array_elements($1::jsonb) u(j) WHERE jobs.id = u.j->>'id'`,
    [toJson(jobs.map(toStoredJob)), version],
  );
}

async function rememberPruned(tx: Tx, jobs: readonly Pick<Job, "id" | "fingerprint">[], at: number): Promise<void> {
  const keys = new Set(jobs.flatMap((job) => [`id:${job.id}`, `fp:${job.fingerprint}`]));
  // A key pruning expired meanwhile comes back: the set of keys changed (job caches reload it).
  await tx.query(
    `WITH remembered AS (
       INSERT INTO forgotten (key, listed_at) SELECT jsonb_array_elements_text($1::jsonb), $2
       ON CONFLICT (key) DO UPDATE SET listed_at = excluded.listed_at RETURNING xmax = 0 AS added
     )
     UPDATE job_clock SET forgotten_version = forgotten_version + 1 WHERE EXISTS (SELECT 1 FROM remembered WHERE added)`,
    [toJson([...keys]), at],
  );
}

export async function commitCycle(db: Db, commit: CycleCommit): Promise<void> {
  // Capped, not copied and frozen as the in-memory stores keep theirs (toStoredJob): the jobs are
  // only written out, and copying 2,000 jobs' descriptions took 12 ms of the event loop in one go,
  // beside the commands of a cycle at a million subscriptions.
  const newJobs = [...commit.newJobs].sort((a, b) => a.seq - b.seq).map(withCappedDescription);
  const counts: [string, number][] = [];
  for (const id in commit.matchCounts) {
    const n = commit.matchCounts[id] as number;
    if (n > 0 && /^[1-9]\d{0,15}$/.test(id)) counts.push([id, n]);
  }
  await transaction(db, async (tx) => {
    const { version, lastSeq } = await bumpJobClock(tx);
    checkNewJobs(lastSeq, newJobs);
    if (newJobs.length > 0) await insertJobs(tx, newJobs, version);
    if (commit.updatedJobs.length > 0) await updateJobs(tx, commit.updatedJobs, version);
    if (commit.sourceStates.length > 0)
      await tx.query(
        `INSERT INTO sources (id, data) SELECT s->>'id', s FROM jsonb_array_elements($1::jsonb) s
         ON CONFLICT (id) DO UPDATE SET data = excluded.data`,
        [toJson(commit.sourceStates)],
      );
    await insertAlerts(tx, commit.outbox);
    // COPY made a step at a time: as one JSON object, 195,000 counts took 20 ms of the event loop.
    await copyRows(tx, "match_count_deltas (id, n)", counts, ([id, n]) => [id, String(n)]);
    if (commit.prunedSeen && commit.prunedSeen.jobs.length > 0)
      await rememberPruned(tx, commit.prunedSeen.jobs, commit.prunedSeen.at);
    // Only forward: moving the chats' cursors back would replay alerts.
    await tx.query("UPDATE job_clock SET last_seq = $1, considered_through = GREATEST(considered_through, $2)", [
      newJobs.at(-1)?.seq ?? lastSeq,
      commit.cursor,
    ]);
  });
}

/**
 * Store.pruneJobs in one transaction, so what is remembered and what is deleted cannot part:
 * forgets pruned jobs no board listed for REMEMBER_PRUNED_MS, drops alerts queued before
 * `before`, then deletes the jobs first seen before it that no pending alert refers to,
 * remembering them as listed at `now` and leaving tombstones for the job caches. The cycles' match
 * counts are folded into the subscriptions here too, after the cycle rather than in its commit.
 */
export async function pruneJobs(db: Db, before: number, now: number): Promise<number> {
  return transaction(db, async (tx) => {
    const { version } = await bumpJobClock(tx);
    await tx.query("UPDATE job_clock SET forgotten_version = forgotten_version + 1");
    await tx.query("DELETE FROM forgotten WHERE listed_at < $1", [now - REMEMBER_PRUNED_MS]);
    // The cycles' match counts, folded in: counts of subscriptions removed since are dropped.
    await tx.query(
      `WITH folded AS (DELETE FROM match_count_deltas RETURNING id, n)
       UPDATE subscriptions s SET match_count = s.match_count + f.n
       FROM (SELECT id, sum(n)::bigint AS n FROM folded GROUP BY id) f WHERE s.id = f.id`,
    );
    await tx.query("DELETE FROM outbox WHERE created_at < $1", [before]);
    const { rows } = await tx.query<{ pruned: number }>(
      `WITH old AS (
         DELETE FROM jobs j WHERE first_seen_at < $1
           AND NOT EXISTS (SELECT 1 FROM outbox o, unnest(o.job_ids) needed(id) WHERE needed.id = j.id)
         RETURNING seq, id, data->>'fingerprint' AS fingerprint
       ), remembered AS (
         INSERT INTO forgotten (key, listed_at)
         SELECT DISTINCT k, $2::float8 FROM old, LATERAL (VALUES ('id:' || old.id), ('fp:' || old.fingerprint)) keys(k)
         ON CONFLICT (key) DO UPDATE SET listed_at = excluded.listed_at
       ), tombstones AS (
         INSERT INTO job_tombstones (seq, version, removed_at) SELECT seq, $3, $2 FROM old
       )
       SELECT count(*)::int AS pruned FROM old`,
      [before, now, version],
    );
    await tx.query(
      `WITH cleared AS (DELETE FROM job_tombstones WHERE removed_at < $1 RETURNING version)
       UPDATE job_clock SET tombstones_cleared_to = (SELECT max(version) FROM cleared)
       WHERE EXISTS (SELECT 1 FROM cleared)`,
      [now - TOMBSTONE_MS],
    );
    return rows[0]?.pruned ?? 0;
  });
}
