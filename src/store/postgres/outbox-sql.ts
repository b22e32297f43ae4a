/**
 * The outbox as a table: one row per entry, in the order alerts were decided (position). Delivery
 * reads one chat at a time (index on chat, position); several processes can later claim a chat's
 * rows with FOR UPDATE SKIP LOCKED on that same index.
 */
import type { OutboxEntry } from "../../core/alert.js";
import type { ChatId } from "../../core/chat.js";
import type { OutboxHead } from "../store.js";
import { arrayLiteral, copyField, copyRows } from "./copy-rows.js";
import type { Db, Tx } from "./pool.js";
import { OUTBOX_COLUMNS, toJson, toOutboxEntry, type OutboxRow } from "./records.js";

/**
 * COPY (copy-rows.ts); the data column is json, kept as sent, which PostgreSQL only checks where
 * jsonb would be built anew (migrations.ts, 5).
 */
export async function insertAlerts(tx: Tx, entries: readonly OutboxEntry[]): Promise<void> {
  await copyRows(tx, "outbox (id, chat, created_at, next_attempt_at, job_ids, data)", entries, (entry) => {
    const { id, chat, ...data } = entry;
    return [
      copyField(id),
      copyField(chat),
      String(data.createdAt),
      String(data.nextAttemptAt),
      copyField(arrayLiteral(data.items.map((item) => item.jobId))),
      copyField(toJson(data)),
    ];
  });
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
    `SELECT DISTINCT ON (chat) chat, next_attempt_at AS "nextAttemptAt" FROM outbox ORDER BY chat, position`,
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
       next_attempt_at = (e->>'nextAttemptAt')::float8,
       job_ids = ARRAY(SELECT i->>'jobId' FROM jsonb_array_elements(e->'items') i), data = (e - 'id' - 'chat')::json
     FROM jsonb_array_elements($1::jsonb) e WHERE o.id = e->>'id'`,
    [toJson(entries)],
  );
}
