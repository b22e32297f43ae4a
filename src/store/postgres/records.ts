/**
 * Records in and out of the database. A record is sent as JSON text and kept as jsonb beside the
 * columns that queries use; reading puts the columns back in. jsonb refuses two things a board's
 * text may hold (a NUL character, half of a surrogate pair): they are dropped or replaced on the
 * way in, so one odd posting cannot make every commit of its source fail.
 */
import type { OutboxEntry } from "../../core/alert.js";
import type { ChatState, Subscription } from "../../core/subscription.js";

const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

const storable = (_key: string, value: unknown) =>
  typeof value === "string" && UNSTORABLE.test(value)
    ? value.replace(UNSTORABLE_ALL, (c) => (c === "\0" ? "" : "\uFFFD"))
    : value;

/** JSON text PostgreSQL accepts as jsonb. */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  // JSON.stringify escapes exactly these (a NUL, a lone surrogate); cleaning every string through
  // a replacer costs ten times as much, so it runs only when one is there. The plain search first:
  // 36,000 alerts' 33 MB are searched in 10 ms by it, in 100 ms by the pattern.
  return text.includes("\\u") && /\\u0000|\\ud[89a-f]/i.test(text) ? JSON.stringify(value, storable) : text;
}

/**
 * A long list (the chats of 300,000 subscriptions that a cycle matched) as a parameter: JSON text, which SQL
 * reads with `SELECT json_array_elements_text($1::json)`. pg's own array literal for 300,000 strings
 * took over a second of the event loop; JSON.stringify takes a few tens of milliseconds.
 */
export const listParameter = (values: readonly (string | number)[]): string => JSON.stringify(values);

export interface SubscriptionRow {
  subscription: Subscription;
}

/**
 * A subscription whole, put together by PostgreSQL, its match count with the counts of cycles not
 * folded in yet (migrations.ts, 6): one object parsed per row, not a row, its data, and a merged
 * copy. (The alert cycle's read of every subscription takes only what matching needs: chat-sql.ts.)
 */
export const SUBSCRIPTION_COLUMNS = `data || jsonb_build_object('id', id::text, 'chat', chat, 'matchCount',
  match_count + COALESCE((SELECT sum(n) FROM match_count_deltas d WHERE d.id = subscriptions.id), 0)::bigint) AS subscription`;

export const toSubscription = (row: SubscriptionRow): Subscription => row.subscription;

/** What the data column holds: the record without its columns. */
export function subscriptionData({ id: _id, chat: _chat, matchCount: _count, ...data }: Subscription) {
  return data;
}

export interface ChatRow {
  chat: string;
  cursor: number;
  paused: boolean;
  data: Omit<ChatState, "chat" | "cursor" | "paused">;
}

/** The cursor as the chat's own or the store's considered_through, whichever is higher (migrations.ts, 4). */
export const CHAT_COLUMNS =
  "chat, GREATEST(cursor, (SELECT considered_through FROM job_clock)) AS cursor, paused, data";

export function toChatState({ chat, cursor, paused, data }: ChatRow): ChatState {
  return { ...data, chat, cursor, paused };
}

export function chatData({ chat: _chat, cursor: _cursor, paused: _paused, ...data }: ChatState) {
  return data;
}

export interface OutboxRow {
  id: string;
  chat: string;
  data: Omit<OutboxEntry, "id" | "chat">;
}

export const OUTBOX_COLUMNS = "id, chat, data";

export function toOutboxEntry({ id, chat, data }: OutboxRow): OutboxEntry {
  return { ...data, id, chat };
}
