/**
 * What people set on a chat (time zone, digest, quiet hours, muted companies, hidden and saved
 * jobs) and on one subscription (its own schedule). Each change reads the record under a row lock,
 * applies the same rule the embedded stores apply (chat-filters.ts, chat-ops.ts) and writes it
 * back in one transaction, so concurrent changes from several copies never lose one another.
 */
import { blankChatState } from "../../core/chat-filters.js";
import type { ChatId } from "../../core/chat.js";
import type { Schedule } from "../../core/schedule.js";
import type { ChatSettingsPatch, ChatState, Subscription } from "../../core/subscription.js";
import { lastSeq } from "./chat-sql.js";
import { transaction, type Db } from "./pool.js";
import { CHAT_COLUMNS, chatData, SUBSCRIPTION_COLUMNS, toChatState, toJson, toSubscription } from "./records.js";
import type { ChatRow, SubscriptionRow } from "./records.js";

/**
 * Applies `change` to the chat's state (a blank one when the chat has none) under a row lock;
 * undefined from `change` means nothing to change. Returns the state written, if any.
 */
export async function updateChatState(
  db: Db,
  chat: ChatId,
  change: (state: ChatState) => ChatState | undefined,
): Promise<ChatState | undefined> {
  return transaction(db, async (tx) => {
    const { rows } = await tx.query<ChatRow>(`SELECT ${CHAT_COLUMNS} FROM chats WHERE chat = $1 FOR UPDATE`, [chat]);
    const current = rows[0] ? toChatState(rows[0]) : blankChatState(chat, await lastSeq(tx));
    const next = change(current);
    if (!next) return undefined;
    await tx.query(
      `INSERT INTO chats (chat, cursor, paused, data) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (chat) DO UPDATE SET data = excluded.data`,
      [chat, next.cursor, next.paused, toJson(chatData(next))],
    );
    return next;
  });
}

/** The chat's settings with `patch` applied (null removes one), as the embedded stores apply it. */
export function withSettings(state: ChatState, patch: ChatSettingsPatch): ChatState {
  const next: ChatState = { ...state };
  for (const key of ["timeZone", "digest", "quietHours"] as const) {
    const value = patch[key];
    if (value === null) delete next[key];
    else if (value !== undefined) Object.assign(next, { [key]: value });
  }
  return next;
}

/** Gives one subscription of the chat its own schedule, or (undefined) has it follow the chat's again. */
export async function setSubscriptionSchedule(
  db: Db,
  chat: ChatId,
  id: string,
  schedule: Schedule | undefined,
): Promise<Subscription | undefined> {
  if (!/^[1-9]\d{0,15}$/.test(id)) return undefined;
  const change = schedule
    ? { sql: "data = data || jsonb_build_object('schedule', $3::jsonb)", params: [toJson(schedule)] }
    : { sql: "data = data - 'schedule'", params: [] };
  const { rows } = await db.query<SubscriptionRow>(
    `UPDATE subscriptions SET ${change.sql} WHERE id = $1 AND chat = $2 RETURNING ${SUBSCRIPTION_COLUMNS}`,
    [Number(id), chat, ...change.params],
  );
  return rows[0] ? toSubscription(rows[0]) : undefined;
}
