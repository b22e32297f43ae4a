/**
 * Copies an embedded (files) store into PostgreSQL: jobs, subscriptions, chats and their cursors
 * (with consideredThrough, which every cursor is at least), the outbox, source states, pruned jobs
 * still remembered, lastSeq and the next subscription id,
 * so that the bot started on the database announces nothing twice and loses no pending alert.
 *
 * One transaction: the copy is whole or absent. It goes only into an empty database: merging two
 * stores would make their subscription ids and job seqs collide. Importing the same files again
 * into the database they were copied to changes nothing (it is recognised and reported).
 */
import type { StoreData } from "../data.js";
import { transaction, type Db, type Tx } from "./pool.js";
import { insertAlerts } from "./outbox-sql.js";
import { chatData, subscriptionData, toJson } from "./records.js";

export type ImportOutcome =
  | { status: "imported"; jobs: number; subscriptions: number; chats: number; alerts: number }
  | { status: "already imported" };

/** Records per statement: keeps each JSON parameter to a few tens of MB. */
const CHUNK = 5_000;

/** Runs `sql` with each chunk of `records` as $1 (a JSON array) and `more` as $2, … */
async function insertChunked(tx: Tx, sql: string, records: readonly unknown[], ...more: unknown[]): Promise<void> {
  for (let start = 0; start < records.length; start += CHUNK)
    await tx.query(sql, [toJson(records.slice(start, start + CHUNK)), ...more]);
}

interface Held {
  jobs: number;
  subscriptions: number;
  chats: number;
  alerts: number;
  sources: number;
  last_seq: number;
  next_id: number;
}

async function whatIsHeld(tx: Tx): Promise<Held> {
  const { rows } = await tx.query<Held>(
    `SELECT (SELECT count(*)::int FROM jobs) AS jobs, (SELECT count(*)::int FROM subscriptions) AS subscriptions,
       (SELECT count(*)::int FROM chats) AS chats, (SELECT count(*)::int FROM outbox) AS alerts,
       (SELECT count(*)::int FROM sources) AS sources,
       (SELECT last_seq FROM job_clock) AS last_seq, (SELECT next_id FROM subscription_clock) AS next_id`,
  );
  return rows[0] as Held;
}

/** What the files would make the database hold. */
function heldAfterImport(data: StoreData): Held {
  return {
    jobs: data.jobs.length,
    subscriptions: data.subscriptions.length,
    chats: Object.keys(data.chats).length,
    alerts: data.outbox.length,
    sources: Object.keys(data.sources).length,
    last_seq: data.lastSeq,
    next_id: data.nextSubscriptionId,
  };
}

const isEmpty = (held: Held) =>
  held.jobs + held.subscriptions + held.chats + held.alerts + held.sources === 0 &&
  held.last_seq === 0 &&
  held.next_id === 1;

export async function importFiles(db: Db, data: StoreData): Promise<ImportOutcome> {
  return transaction(db, async (tx) => {
    // Another import, or a bot, must not write while this one decides and copies.
    await tx.query("LOCK TABLE jobs, subscriptions, chats, outbox, sources, forgotten IN EXCLUSIVE MODE");
    const held = await whatIsHeld(tx);
    const expected = heldAfterImport(data);
    if (!isEmpty(held)) {
      if (JSON.stringify(held) === JSON.stringify(expected)) return { status: "already imported" };
      throw new Error(
        `the database already holds other data (${held.jobs} jobs, ${held.subscriptions} subscriptions, ` +
          `${held.chats} chats, ${held.alerts} pending alerts): import only into an empty database`,
      );
    }
    const { rows } = await tx.query<{ version: number }>(
      `UPDATE job_clock SET version = version + 1, forgotten_version = forgotten_version + 1, last_seq = $1,
         considered_through = $2 RETURNING version`,
      [data.lastSeq, data.consideredThrough],
    );
    const jobsVersion = rows[0]?.version ?? 1;
    await insertChunked(
      tx,
      `INSERT INTO jobs (seq, id, first_seen_at, version, data)
       SELECT (j->>'seq')::bigint, j->>'id', (j->>'firstSeenAt')::float8, $2, j FROM jsonb_array_elements($1::jsonb) j`,
      data.jobs,
      jobsVersion,
    );
    const clock = await tx.query<{ version: number }>(
      "UPDATE subscription_clock SET version = version + 1, next_id = $1 RETURNING version",
      [data.nextSubscriptionId],
    );
    await insertChunked(
      tx,
      `INSERT INTO subscriptions (id, chat, match_count, version, data)
       SELECT (s->>'id')::bigint, s->>'chat', (s->>'matchCount')::bigint, $2, s->'data'
       FROM jsonb_array_elements($1::jsonb) s`,
      data.subscriptions.map((s) => ({ id: s.id, chat: s.chat, matchCount: s.matchCount, data: subscriptionData(s) })),
      clock.rows[0]?.version ?? 1,
    );
    await insertChunked(
      tx,
      `INSERT INTO chats (chat, cursor, paused, data)
       SELECT c->>'chat', (c->>'cursor')::bigint, (c->>'paused')::boolean, c->'data'
       FROM jsonb_array_elements($1::jsonb) c`,
      Object.values(data.chats).map((c) => ({ chat: c.chat, cursor: c.cursor, paused: c.paused, data: chatData(c) })),
    );
    await insertChunked(
      tx,
      `INSERT INTO sources (id, data) SELECT s->>'id', s FROM jsonb_array_elements($1::jsonb) s`,
      Object.values(data.sources),
    );
    await insertChunked(
      tx,
      `INSERT INTO forgotten (key, listed_at) SELECT f->>0, (f->>1)::float8
       FROM jsonb_array_elements($1::jsonb) f`,
      Object.entries(data.forgotten),
    );
    await insertAlerts(tx, data.outbox);
    return {
      status: "imported",
      jobs: expected.jobs,
      subscriptions: expected.subscriptions,
      chats: expected.chats,
      alerts: expected.alerts,
    };
  });
}
