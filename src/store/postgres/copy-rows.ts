/**
 * Many rows into one table with COPY (pg-copy-streams), the fastest way PostgreSQL takes rows: no
 * statement to plan and no JSON to take apart on the server. A cycle at issue 16's size queues
 * 36,000 alerts (33 MB of JSON): sent as JSON arrays that SQL split into rows and columns, they
 * took 2.8 s; as COPY rows, 0.9 to 1.4 s.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { Tx } from "./pool.js";

/**
 * Text made per synchronous step before the event loop gets a turn: a cycle's rows (36,000 alerts
 * and 2,000 jobs, 43 MB) took at most 15 ms per step of 256 K characters on a loaded 2-core
 * machine (issue 16: under 50). Steps are smaller still so that each one's text, flattened when
 * written, stays under V8's large-object size (128 KB) and dies young.
 */
const STEP_CHARS = 32 * 1024;

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "" };
const SPECIAL = /[\\\t\n\r\0]/;
const SPECIAL_ALL = new RegExp(SPECIAL.source, "g");

/**
 * A field in COPY's text format, where a backslash escapes and tab and newline end fields and rows.
 * PostgreSQL text cannot hold NUL: it is dropped, as toJson drops it from records.
 */
export const copyField = (text: string): string =>
  SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] as string) : text;

/** A text[] value: each element quoted, with its quotes and backslashes escaped. */
export const arrayLiteral = (items: readonly string[]): string =>
  `{${items.map((item) => `"${item.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;

/**
 * COPYs `items` into `target` ("table (columns)"), one row each: `row` gives the row's fields as
 * text, in the columns' order, already in COPY's text format (copyField).
 */
export async function copyRows<T>(
  tx: Tx,
  target: string,
  items: readonly T[],
  row: (item: T) => string[],
): Promise<void> {
  if (items.length === 0) return;
  async function* lines() {
    let text = "";
    for (const item of items) {
      text += `${row(item).join("\t")}\n`;
      if (text.length < STEP_CHARS) continue;
      yield text;
      text = "";
      await nextTurn();
    }
    if (text.length > 0) yield text;
  }
  await pipeline(lines, tx.query(copyFrom(`COPY ${target} FROM STDIN`)));
}
