/**
 * The outbox as a table: one row per entry, in the order alerts were decided (position). Delivery
 * reads one chat at a time (index on chat, position); several processes can later claim a chat's
 * rows with FOR UPDATE SKIP LOCKED on that same index.
 */
import type { OutboxEntry } from "../../core/alert.js";
import type { ChatId } from "../../core/chat.js";
import type { OutboxHead } from "../store.js";
import type { Db, Tx } from "./pool.js";
import { OUTBOX_COLUMNS, toJson, toOutboxEntry, type OutboxRow } from "./records.js";

/**
 * Entries per INSERT: each statement's JSON text is made in one synchronous step, which must stay
 * well under the 100 ms a command may wait (issue 16). 10,000 entries (a cycle's alerts carry their
 * matches' queries and words) took 70 to 120 ms of the event loop on a loaded 2-core machine.
 */
const INSERT_CHUNK = 2_000;

/**
 * The entries go as one JSON array per statement, read as `json`, not `jsonb`: PostgreSQL splits
 * plain JSON text into elements several times faster than it builds one jsonb of the whole array,
 * and each element becomes jsonb on its own.
 */
export async function insertAlerts(tx: Tx, entries: readonly OutboxEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
    await tx.query(
      `INSERT INTO outbox (id, chat, created_at, job_ids, data)
       SELECT e->>'id', e->>'chat', (e->>'createdAt')::float8,
         ARRAY(SELECT i->>'jobId' FROM json_array_elements(e->'items') i), e::jsonb - 'id' - 'chat'
       FROM json_array_elements($1::json) WITH ORDINALITY AS x(e, n) ORDER BY n`,
      [toJson(entries.slice(start, start + INSERT_CHUNK))],
    );
  }
}

export async function pendingAlerts(db: Db): Promise<OutboxEntry[]> {
  const { rows } = await db.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM outbox ORDER BY position`);
  return rows.map(toOutboxEntry);
}

export async function pendingAlertsOf(db: Db, chat: ChatId): Promise<OutboxEntry[]> {
  const { rows } = await db.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE chat = $1 ORDER BY position`, [
    chat,
  ]);
  return rows.map(toOutboxEntry);
}

export async function outboxHeads(db: Db): Promise<OutboxHead[]> {
  const { rows } = await db.query<OutboxHead>(
    `SELECT DISTINCT ON (chat) chat, (data->>'nextAttemptAt')::float8 AS "nextAttemptAt"
     FROM outbox ORDER BY chat, position`,
  );
  return rows;
}

export async function countPendingAlerts(db: Db): Promise<number> {
  const { rows } = await db.query<{ count: number }>("SELECT count(*)::int AS count FROM outbox");
  return rows[0]?.count ?? 0;
}

export async function removeAlerts(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0)
    await db.query("DELETE FROM outbox WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))", [toJson(ids)]);
}

/** Replaces pending entries; an entry no longer pending was confirmed or given up and stays gone. */
export async function updateAlerts(db: Db, entries: readonly OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `UPDATE outbox o SET chat = e->>'chat', created_at = (e->>'createdAt')::float8,
       job_ids = ARRAY(SELECT i->>'jobId' FROM jsonb_array_elements(e->'items') i), data = e - 'id' - 'chat'
     FROM jsonb_array_elements($1::jsonb) e WHERE o.id = e->>'id'`,
    [toJson(entries)],
  );
}
