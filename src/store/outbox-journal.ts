/**
 * Delivery changes the outbox all the time (each confirmed message removes entries, each failed one
 * updates them); rewriting state.json with the whole outbox and every chat for each of them made a
 * delivery cost grow with the store. Instead each such change is appended, fsynced, as one line to
 * `outbox.journal`, and folded into state.json by the next state write (a cycle commit, a command).
 *
 * Generations tie the two files together: state.json names the generation of the journal that
 * continues it (`journal`), each state write starts a new one, and the journal's header names its
 * own. Loading replays the journal only when the generations match, so a journal already folded
 * into state.json is never applied twice. A line torn by a kill or a failed append is the last one
 * of its generation (after a failed append the next save is a state write) and is ignored: its
 * change was never reported saved.
 */
import { z } from "zod";
import type { OutboxEntry } from "../core/alert.js";
import type { Logger } from "../core/logger.js";
import { STORE_VERSION } from "./data.js";
import { readLines } from "./ndjson-file.js";
import { outboxSchema } from "./store-schema.js";
import { atomicWrite, writeAll, type StoreFileSystem } from "./store-fs.js";

export type OutboxChange = { remove: string[] } | { update: OutboxEntry[] };

export const JOURNAL_FILE = "outbox.journal";

const headerSchema = z.object({ version: z.literal(STORE_VERSION), generation: z.number().int().nonnegative() });
const changeSchema = z.union([z.object({ remove: z.array(z.string()) }), z.object({ update: z.array(outboxSchema) })]);

/** The outbox after a change, as the store's own operations make it (cycle-ops.ts). */
export function applyOutboxChange(outbox: readonly OutboxEntry[], change: OutboxChange): OutboxEntry[] {
  if ("remove" in change) {
    const removed = new Set(change.remove);
    return outbox.filter((entry) => !removed.has(entry.id));
  }
  const updates = new Map(change.update.map((entry) => [entry.id, entry]));
  return outbox.map((entry) => updates.get(entry.id) ?? entry);
}

/** The changes of the journal that continues state.json's `generation`; none when it is another's. */
export async function readJournal(path: string, generation: number, log: Logger): Promise<OutboxChange[]> {
  const lines = await readLines(path);
  if (!lines) return [];
  const texts: string[] = [];
  for await (const { line } of lines) if (line !== "") texts.push(line);
  const header = headerSchema.safeParse(parseOrUndefined(texts[0]));
  if (!header.success || header.data.generation !== generation) return [];
  const changes: OutboxChange[] = [];
  for (const [i, text] of texts.entries()) {
    if (i === 0) continue;
    const change = changeSchema.safeParse(parseOrUndefined(text));
    if (change.success) changes.push(change.data);
    else log.warn({ path, line: i + 1 }, "ignored an outbox journal line that was never completely written");
  }
  return changes;
}

function parseOrUndefined(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Appends one change to the journal of `generation`, starting that journal (atomically, header and
 * first line) when the file on disk is of an older one. The caller serialises appends and state writes.
 */
export function journalWriter(fs: StoreFileSystem, path: string) {
  let current: number | undefined;
  return {
    async append(generation: number, change: OutboxChange): Promise<void> {
      const line = `${JSON.stringify(change)}\n`;
      if (current !== generation) {
        current = undefined;
        await atomicWrite(fs, path, [`${JSON.stringify({ version: STORE_VERSION, generation })}\n`, line]);
        current = generation;
        return;
      }
      const file = await fs.open(path, "a");
      try {
        await writeAll(file, line);
        await file.sync();
      } catch (error) {
        current = undefined; // a torn line may end the file: the next append starts a new journal
        throw error;
      } finally {
        await file.close();
      }
    },
  };
}
