/**
 * The store on disk, under DATA_DIR (the files and why there are three: store-files.ts). The data
 * lives in memory; every change is written to the files it touched before the method returns.
 *
 * Writes are serialised and coalesced: one flush at a time, its files in WRITE_ORDER, and changes
 * made while a flush runs are written together by the next one. A failed write is logged and
 * retried; if it keeps failing, the method rejects, the previous file stays as it was (files are
 * replaced by rename), and the change stays in memory, marked unsaved, for the next flush.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describeError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import { storeOnData } from "./data-store.js";
import { loadStoreFiles, STORE_FILES, WRITE_ORDER, writeStorePart, type StorePart } from "./store-files.js";
import type { Store } from "./store.js";

export { StoreLoadError, STORE_FILES } from "./store-files.js";

export interface LowdbStoreOptions {
  log: Logger;
  /** Called before each file write attempt; tests count writes or throw to simulate a full disk. */
  beforeWrite?: (file: string) => void;
  /** Delays between attempts of a failing write. */
  retryDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS_MS = [200, 1_000, 3_000];

/**
 * Opens or creates the store. Missing files start empty; a file that is not a valid store file
 * throws StoreLoadError and nothing is written, so nobody's data is replaced by an empty store.
 */
export async function openLowdbStore(dataDir: string, options: LowdbStoreOptions): Promise<Store> {
  const { log, beforeWrite, retryDelaysMs = DEFAULT_RETRY_DELAYS_MS } = options;
  await mkdir(dataDir, { recursive: true });
  const data = await loadStoreFiles(dataDir, log);
  log.info({ dataDir, jobs: data.jobs.length, subscriptions: data.subscriptions.length }, "store loaded");

  async function write(part: StorePart): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        beforeWrite?.(STORE_FILES[part]);
        return await writeStorePart(dataDir, data, part);
      } catch (error) {
        const delay = retryDelaysMs[attempt];
        log.error({ file: join(dataDir, STORE_FILES[part]), attempt: attempt + 1, error: describeError(error) }, delay === undefined ? "store write failed; the change stays in memory" : "store write failed; retrying");
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  }

  const unsaved = new Set<StorePart>();
  let queue: Promise<void> = Promise.resolve();
  let nextFlush: Promise<void> | undefined;

  function persist(parts: readonly StorePart[]): Promise<void> {
    for (const part of parts) unsaved.add(part);
    nextFlush ??= queue.then(async () => {
      nextFlush = undefined;
      const flushing = WRITE_ORDER.filter((part) => unsaved.has(part));
      unsaved.clear();
      for (const [i, part] of flushing.entries()) {
        try {
          await write(part);
        } catch (error) {
          // Later files must not commit what an earlier one failed to save: keep them all unsaved.
          for (const rest of flushing.slice(i)) unsaved.add(rest);
          throw error;
        }
      }
    });
    const flush = nextFlush;
    queue = flush.catch(() => {});
    return flush;
  }

  return storeOnData(data, { persist, close: () => queue });
}
