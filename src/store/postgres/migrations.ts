/**
 * The schema, as numbered migrations applied in order at start-up. Each runs once, in its own
 * transaction, recorded in schema_migrations; all of them run under a session advisory lock, so
 * two processes starting together on a fresh database migrate it once (the second waits, then
 * finds nothing left to do). Never edit a migration that has shipped: add the next one.
 *
 * Records keep the columns that queries filter, join or sort on, and the rest of the record as
 * jsonb (`data`): a field added to a core type later (a chat's time zone, a job's level) is stored
 * and read back without a migration.
 *
 * Versions (job_clock.version, subscription_clock.version) let readers ask what changed since they
 * last looked: a writer bumps its clock's row first, which also makes writers of that kind take
 * turns, so versions become visible in order and a reader never skips one that commits late.
 */
import type { Db } from "./pool.js";

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE job_clock (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version bigint NOT NULL DEFAULT 0,
    last_seq bigint NOT NULL DEFAULT 0,
    -- Tombstones up to this version were deleted: a reader behind it reloads every job.
    tombstones_cleared_to bigint NOT NULL DEFAULT 0,
    -- Bumped when the set of keys in forgotten changes (not when a listed_at moves).
    forgotten_version bigint NOT NULL DEFAULT 0
  );
  INSERT INTO job_clock DEFAULT VALUES;

  CREATE TABLE jobs (
    seq bigint PRIMARY KEY,
    id text NOT NULL UNIQUE,
    first_seen_at double precision NOT NULL,
    version bigint NOT NULL,
    data jsonb NOT NULL
  );
  CREATE INDEX jobs_first_seen_at ON jobs (first_seen_at);
  CREATE INDEX jobs_version ON jobs (version);

  CREATE TABLE job_tombstones (
    seq bigint PRIMARY KEY,
    version bigint NOT NULL,
    removed_at double precision NOT NULL
  );
  CREATE INDEX job_tombstones_version ON job_tombstones (version);
  CREATE INDEX job_tombstones_removed_at ON job_tombstones (removed_at);

  -- Pruned jobs that boards still list, by 'id:<job id>' and 'fp:<fingerprint>'.
  CREATE TABLE forgotten (
    key text PRIMARY KEY,
    listed_at double precision NOT NULL
  );
  CREATE INDEX forgotten_listed_at ON forgotten (listed_at);

  CREATE TABLE subscription_clock (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version bigint NOT NULL DEFAULT 0,
    next_id bigint NOT NULL DEFAULT 1
  );
  INSERT INTO subscription_clock DEFAULT VALUES;

  CREATE TABLE subscriptions (
    id bigint PRIMARY KEY,
    chat text NOT NULL,
    match_count bigint NOT NULL DEFAULT 0,
    version bigint NOT NULL,
    data jsonb NOT NULL
  );
  CREATE INDEX subscriptions_chat ON subscriptions (chat, id);
  CREATE INDEX subscriptions_version ON subscriptions (version);

  -- Subscriptions removed, or moved to another chat, at a version.
  CREATE TABLE subscription_tombstones (
    version bigint NOT NULL,
    id bigint NOT NULL,
    PRIMARY KEY (version, id)
  );

  CREATE TABLE chats (
    chat text PRIMARY KEY,
    cursor bigint NOT NULL,
    paused boolean NOT NULL,
    data jsonb NOT NULL
  );
  CREATE INDEX chats_paused ON chats (chat) WHERE paused;

  CREATE TABLE sources (
    id text PRIMARY KEY,
    data jsonb NOT NULL
  );

  -- position keeps the order alerts were decided in; job_ids lets pruning ask which jobs a
  -- pending alert still needs. Delivery reads one chat at a time, by (chat, position).
  CREATE TABLE outbox (
    position bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    chat text NOT NULL,
    created_at double precision NOT NULL,
    job_ids text[] NOT NULL,
    data jsonb NOT NULL
  );
  CREATE INDEX outbox_chat ON outbox (chat, position);
  CREATE INDEX outbox_created_at ON outbox (created_at);
  CREATE INDEX outbox_job_ids ON outbox USING gin (job_ids);
  `,
  `
  -- subscriptionChanges(0) means "from the start": no version a reader is given may be 0.
  UPDATE subscription_clock SET version = GREATEST(version, 1);

  -- Several copies on one database (copies.ts): the copies alive (for each one's share of the
  -- platforms' overall budgets) and which copy delivers a chat's outbox now.
  CREATE TABLE bot_copies (
    id text PRIMARY KEY,
    seen_at timestamptz NOT NULL,
    scraper boolean NOT NULL DEFAULT false
  );
  CREATE TABLE delivery_claims (
    chat text PRIMARY KEY,
    owner text NOT NULL,
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX delivery_claims_owner ON delivery_claims (owner);
  `,
  `
  -- Keeping a GIN index of every pending alert's jobs made queuing alerts half again as slow
  -- (300,000 in a large cycle); pruning, the one reader, now joins on the outbox's job ids itself.
  DROP INDEX IF EXISTS outbox_job_ids;

  -- The few subscriptions with a schedule of their own, which every cycle with alerts reads.
  CREATE INDEX subscriptions_scheduled ON subscriptions (chat) WHERE data ? 'schedule';

  -- Every cycle with new jobs moves the cursor of every chat and counts matches on hundreds of
  -- thousands of subscriptions: room left in each page lets PostgreSQL write the new row versions
  -- beside the old ones without touching the indexes (HOT updates), twice as fast measured on
  -- 300,000 chats. Pages written from now on keep it.
  ALTER TABLE chats SET (fillfactor = 50);
  ALTER TABLE subscriptions SET (fillfactor = 70);
  `,
  `
  -- Every chat's cursor is at least this (CycleCommit.cursor): a cycle commit sets one number
  -- instead of rewriting 300,000 chat rows (2.5 s of a 7 s commit, issue 16). A chat's cursor
  -- column keeps what was set for that chat alone (creation, resume); readers take the higher.
  ALTER TABLE job_clock ADD COLUMN considered_through bigint NOT NULL DEFAULT 0;
  `,
  `
  -- A cycle queues 36,000 alerts (33 MB) with COPY (copy-rows.ts): building a jsonb of each was
  -- most of the time left, and nothing queries inside an alert but for when it is due next, which
  -- becomes a column of its own. json keeps the text as sent.
  ALTER TABLE outbox ADD COLUMN next_attempt_at double precision;
  UPDATE outbox SET next_attempt_at = (data->>'nextAttemptAt')::float8;
  ALTER TABLE outbox ALTER COLUMN next_attempt_at SET NOT NULL;
  ALTER TABLE outbox ALTER COLUMN data TYPE json USING data::json;
  `,
  `
  -- A cycle's match counts are appended here, a narrow row each, and folded into subscriptions
  -- when pruning runs after the cycle: updating 20,000 subscription rows took 0.2 to 0.6 s of the
  -- commit, appending them 50 ms (issue 16). Readers add what is not folded yet (records.ts).
  CREATE TABLE match_count_deltas (
    id bigint NOT NULL,
    n bigint NOT NULL
  );
  CREATE INDEX match_count_deltas_id ON match_count_deltas (id);
  `,
];

/** Any constant shared by every Jobhound process: the key of the migration lock. */
const MIGRATION_LOCK = 0x6a6f6268; // "jobh"

/** Applies the migrations this database has not had yet; returns how many. */
export async function migrate(db: Db): Promise<number> {
  const session = await db.connect();
  try {
    await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await session.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await session.query<{ version: number }>("SELECT version FROM schema_migrations");
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    if (newest > MIGRATIONS.length)
      throw new Error(
        `the database has schema version ${newest}, newer than this Jobhound knows (${MIGRATIONS.length}); run a newer release`,
      );
    const pending = MIGRATIONS.map((sql, i) => ({ sql, version: i + 1 })).filter((m) => !applied.has(m.version));
    for (const { sql, version } of pending) {
      try {
        await session.query("BEGIN");
        await session.query(sql);
        await session.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version]);
        await session.query("COMMIT");
      } catch (error) {
        await session.query("ROLLBACK");
        throw error;
      }
    }
    return pending.length;
  } finally {
    await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    session.release();
  }
}
