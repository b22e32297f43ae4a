/**
 * Page buttons (‹ Prev, Next ›) carry the whole page state in their callback_data, so a button
 * pressed after a restart, or days later, still works: nothing points into memory.
 *
 * callback_data holds at most 64 bytes, and a query may have 200 characters (800 bytes of
 * UTF-8). A query that fits travels in the button itself: `pg1:latest:2:=rust remote`. A longer
 * one travels as a hash, `pg1:latest:2:#Qm9vQmFyQmF6`, and is recovered from the message the
 * button is attached to: the renderer always shows the query there as a code entity, and
 * Telegram hands that message back with every button press. The hash checks that the text found
 * is the query the button was made for. The "pg1" prefix versions the format, so buttons already
 * sent keep working if it ever changes.
 */
import { createHash } from "node:crypto";

export const MAX_CALLBACK_DATA_BYTES = 64;
const PREFIX = "pg1";
const PATTERN = /^pg1:([a-z0-9_]{1,32}):(\d{1,6}):([=#])([\s\S]*)$/;

export type PageRequest =
  { command: string; page: number; query: string } | { command: string; page: number; queryHash: string };

export function queryHash(query: string): string {
  return createHash("sha256").update(query).digest("base64url").slice(0, 16);
}

/** The callback_data of a button that shows `page` of `command` run with `query`. */
export function encodePageButton(command: string, query: string, page: number): string {
  const inline = `${PREFIX}:${command}:${page}:=${query}`;
  if (Buffer.byteLength(inline, "utf8") <= MAX_CALLBACK_DATA_BYTES) return inline;
  return `${PREFIX}:${command}:${page}:#${queryHash(query)}`;
}

/** The page a button asks for; undefined for data this module did not make. */
export function decodePageButton(data: string): PageRequest | undefined {
  const match = PATTERN.exec(data);
  if (!match) return undefined;
  const [, command = "", page = "0", kind, rest = ""] = match;
  return kind === "=" ? { command, page: Number(page), query: rest } : { command, page: Number(page), queryHash: rest };
}

interface TextEntity {
  type: string;
  offset: number;
  length: number;
}

/**
 * The query a hashed button was made for, from the text and entities of the message it is
 * attached to (offsets are UTF-16 units, as JavaScript strings count); undefined when the
 * message no longer shows it.
 */
export function findQueryInMessage(hash: string, text: string, entities: readonly TextEntity[]): string | undefined {
  for (const entity of entities) {
    if (entity.type !== "code") continue;
    const candidate = text.slice(entity.offset, entity.offset + entity.length);
    if (queryHash(candidate) === hash) return candidate;
  }
  return undefined;
}
