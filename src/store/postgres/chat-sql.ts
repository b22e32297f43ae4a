/**
 * Subscriptions and chat state. Every change to which subscriptions exist (add, remove, move)
 * takes the subscriptions' turn on subscription_clock first and stamps what it writes with the
 * new version (see migrations.ts), which is what subscriptionChanges reads.
 *
 * Lock order, to never deadlock with a cycle commit: subscription rows before chat rows.
 */
import type { ChatId } from "../../core/chat.js";
import type { ChatState, MatchedSubscription, Subscription } from "../../core/subscription.js";
import type { NewSubscription, SubscriptionChanges } from "../store.js";
import { readPagesAhead, transaction, type Db, type Tx } from "./pool.js";
import {
  CHAT_COLUMNS,
  listParameter,
  SUBSCRIPTION_COLUMNS,
  toChatState,
  toJson,
  toSubscription,
  type ChatRow,
  type SubscriptionRow,
} from "./records.js";

const SUBSCRIPTION_ID = /^[1-9]\d{0,15}$/;

async function bumpSubscriptionClock(tx: Tx, ids = 0): Promise<{ version: number; nextId: number }> {
  const { rows } = await tx.query<{ version: number; next_id: number }>(
    "UPDATE subscription_clock SET version = version + 1, next_id = next_id + $1 RETURNING version, next_id",
    [ids],
  );
  const clock = rows[0];
  if (!clock) throw new Error("subscription_clock has no row: the database was not migrated");
  return { version: clock.version, nextId: clock.next_id };
}

export async function lastSeq(db: Db | Tx): Promise<number> {
  const { rows } = await db.query<{ last_seq: number }>("SELECT last_seq FROM job_clock");
  return rows[0]?.last_seq ?? 0;
}

/**
 * One statement (one round trip, atomic on its own): a command waits for each round trip behind
 * the running cycle's slices, so the five of a transaction made `/subscribe` take 150 ms during a
 * cycle at a million subscriptions (issue 16's command p99 < 150 ms). The chat row is checked
 * before it is inserted: inserting over a row another transaction holds would wait for it.
 */
export async function addSubscription(db: Db, input: NewSubscription): Promise<Subscription> {
  const fields = { createdBy: input.createdBy, query: input.query, createdAt: input.createdAt };
  const { rows } = await db.query<{ id: string; since_seq: number }>(
    `WITH clock AS (
       UPDATE subscription_clock SET version = version + 1, next_id = next_id + 1 RETURNING version, next_id - 1 AS id
     ), seq AS (SELECT last_seq FROM job_clock), added AS (
       INSERT INTO subscriptions (id, chat, match_count, version, data)
       SELECT clock.id, $1, 0, clock.version, $2::jsonb || jsonb_build_object('sinceSeq', seq.last_seq)
       FROM clock, seq RETURNING id
     ), chat AS (
       INSERT INTO chats (chat, cursor, paused, data) SELECT $1, seq.last_seq, false, '{}' FROM seq
       WHERE NOT EXISTS (SELECT 1 FROM chats WHERE chat = $1) ON CONFLICT (chat) DO NOTHING
     )
     SELECT added.id::text AS id, seq.last_seq AS since_seq FROM added, seq`,
    [input.chat, toJson(fields)],
  );
  const added = rows[0];
  if (!added) throw new Error("subscription_clock or job_clock has no row: the database was not migrated");
  return { id: added.id, chat: input.chat, ...fields, sinceSeq: added.since_seq, matchCount: 0 };
}

export async function removeSubscription(db: Db, chat: ChatId, id: string): Promise<boolean> {
  if (!SUBSCRIPTION_ID.test(id)) return false;
  return transaction(db, async (tx) => {
    const { version } = await bumpSubscriptionClock(tx);
    const { rowCount } = await tx.query(
      `WITH gone AS (DELETE FROM subscriptions WHERE id = $1 AND chat = $2 RETURNING id)
       INSERT INTO subscription_tombstones (version, id) SELECT $3, id FROM gone`,
      [id, chat, version],
    );
    return (rowCount ?? 0) > 0;
  });
}

export async function removeAllSubscriptions(db: Db, chat: ChatId): Promise<number> {
  return transaction(db, async (tx) => {
    const { version } = await bumpSubscriptionClock(tx);
    const { rowCount } = await tx.query(
      `WITH gone AS (DELETE FROM subscriptions WHERE chat = $1 RETURNING id)
       INSERT INTO subscription_tombstones (version, id) SELECT $2, id FROM gone`,
      [chat, version],
    );
    return rowCount ?? 0;
  });
}

export async function subscriptionsOf(db: Db, chat: ChatId): Promise<Subscription[]> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE chat = $1 ORDER BY id`,
    [chat],
  );
  return rows.map(toSubscription);
}

/** A few subscriptions have their own schedule: a partial index finds them, then their chats are picked. */
export async function scheduledSubscriptions(db: Db, chats: readonly ChatId[]): Promise<Subscription[]> {
  if (chats.length === 0) return [];
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE data ? 'schedule'
       AND chat IN (SELECT json_array_elements_text($1::json)) ORDER BY id`,
    [listParameter(chats)],
  );
  return rows.map(toSubscription);
}

export async function countActiveChats(db: Db): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(DISTINCT chat)::int AS count FROM subscriptions
     WHERE NOT EXISTS (SELECT 1 FROM chats c WHERE c.chat = subscriptions.chat AND c.paused)`,
  );
  return rows[0]?.count ?? 0;
}

export async function countSubscriptions(db: Db): Promise<number> {
  const { rows } = await db.query<{ count: number }>("SELECT count(*)::int AS count FROM subscriptions");
  return rows[0]?.count ?? 0;
}

/** Rows per read of subscriptionChanges: a million subscriptions come in pages the event loop can take. */
const CHANGES_PAGE = 10_000;

/**
 * The subscriptions written after `since`, a page at a time in id order (the primary key's order,
 * nothing to sort; one result of a million rows would be sorted on disk and parsed in one go);
 * `take` has each before the next. Callers read in one read-only snapshot (REPEATABLE READ), so
 * the version they read covers exactly these rows. Each page is asked for while `take` has the
 * one before (readPagesAhead).
 */
async function readAdded(tx: Tx, since: number, take: (page: MatchedSubscription[]) => Promise<void>) {
  // Only what matching needs: a million whole records would be parsed and held for nothing.
  await readPagesAhead<MatchedSubscription>(
    (after) =>
      tx.query<MatchedSubscription>(
        `SELECT id::text AS id, chat, data->>'query' AS query, (data->>'sinceSeq')::float8 AS "sinceSeq"
         FROM subscriptions WHERE version > $1 AND subscriptions.id > $2 ORDER BY subscriptions.id LIMIT $3`,
        [since, after?.id ?? "0", CHANGES_PAGE],
      ),
    CHANGES_PAGE,
    take,
  );
}

const SNAPSHOT = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

async function subscriptionVersion(tx: Tx): Promise<number> {
  const { rows } = await tx.query<{ version: number }>("SELECT version FROM subscription_clock");
  return rows[0]?.version ?? 0;
}

/** Store.allSubscriptions: pages read in one snapshot with the version, as subscriptionChanges(0) would. */
export async function allSubscriptions(db: Db, take: (page: MatchedSubscription[]) => Promise<void>): Promise<number> {
  return transaction(
    db,
    async (tx) => {
      const version = await subscriptionVersion(tx);
      await readAdded(tx, 0, take);
      return version;
    },
    SNAPSHOT,
  );
}

export async function subscriptionChanges(db: Db, since: number): Promise<SubscriptionChanges> {
  return transaction(
    db,
    async (tx) => {
      const version = await subscriptionVersion(tx);
      const added: MatchedSubscription[] = [];
      await readAdded(tx, since, async (page) => {
        for (const row of page) added.push(row);
      });
      const removed =
        since > 0
          ? (
              await tx.query<{ id: number }>(
                "SELECT DISTINCT id FROM subscription_tombstones WHERE version > $1 ORDER BY id",
                [since],
              )
            ).rows.map((row) => String(row.id))
          : [];
      return { version, added, removed };
    },
    SNAPSHOT,
  );
}

export async function getChats(db: Db, chats: readonly ChatId[]): Promise<Map<ChatId, ChatState>> {
  const { rows } = await db.query<ChatRow>(
    `SELECT ${CHAT_COLUMNS} FROM chats WHERE chat IN (SELECT json_array_elements_text($1::json))`,
    [listParameter(chats)],
  );
  return new Map(rows.map((row) => [row.chat, toChatState(row)]));
}

/**
 * A chat that paused before it ever subscribed is remembered. Resuming moves the cursor to
 * lastSeq (what came meanwhile is not replayed) and clears the reason.
 */
export async function setPaused(db: Db, chat: ChatId, paused: boolean, reason?: string): Promise<void> {
  const why = paused && reason !== undefined ? reason : null;
  await db.query(
    `INSERT INTO chats (chat, cursor, paused, data)
     VALUES ($1, (SELECT last_seq FROM job_clock), $2,
       CASE WHEN $3::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('pausedReason', $3::text) END)
     ON CONFLICT (chat) DO UPDATE SET
       paused = $2,
       cursor = CASE WHEN $2 THEN chats.cursor ELSE excluded.cursor END,
       data = CASE WHEN $3::text IS NULL THEN chats.data - 'pausedReason'
                   ELSE chats.data || jsonb_build_object('pausedReason', $3::text) END`,
    [chat, paused, why],
  );
}

/**
 * Telegram group → supergroup migration: subscriptions (same ids) and pending alerts follow. If
 * the new address already has chat state, that state is the live one and is kept.
 */
export async function moveChat(db: Db, from: ChatId, to: ChatId): Promise<void> {
  if (from === to) return;
  await transaction(db, async (tx) => {
    const { version } = await bumpSubscriptionClock(tx);
    await tx.query(
      `WITH moved AS (UPDATE subscriptions SET chat = $2, version = $3 WHERE chat = $1 RETURNING id)
       INSERT INTO subscription_tombstones (version, id) SELECT $3, id FROM moved`,
      [from, to, version],
    );
    await tx.query("UPDATE outbox SET chat = $2 WHERE chat = $1", [from, to]);
    await tx.query("DELETE FROM chats WHERE chat = $1 AND EXISTS (SELECT 1 FROM chats WHERE chat = $2)", [from, to]);
    await tx.query("UPDATE chats SET chat = $2 WHERE chat = $1", [from, to]);
  });
}
