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
import {
  loadStoreFiles,
  removeStaleTempFiles,
  STORE_FILES,
  WRITE_ORDER,
  writeStorePart,
  type StorePart,
} from "./store-files.js";
import type { Store } from "./store.js";

export { StoreLoadError, STORE_FILES } from "./store-files.js";

export interface LowdbStoreOptions {
  log: Logger;
  /** Called before each file write attempt; tests count writes, hold them, or throw to simulate a full disk. */
  beforeWrite?: (file: string) => void | Promise<void>;
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
  await removeStaleTempFiles(dataDir);
  log.info({ dataDir, jobs: data.jobs.length, subscriptions: data.subscriptions.length }, "store loaded");

  const unsaved = new Set<StorePart>();
  const firstUnsaved = () => WRITE_ORDER.find((part) => unsaved.has(part));

  /**
   * Writes unsaved files until none is left, always the earliest in WRITE_ORDER next. The file is
   * picked and what it will hold is taken (writeStorePart copies it before its first await) with
   * no await in between, so a change made meanwhile (another source's commit) sends the flush back
   * to an earlier file first: state.json, the commit point, is only written once every file before
   * it holds at least what state.json describes.
   */
  async function flush(): Promise<void> {
    let failures = 0;
    for (let next = firstUnsaved(); next; next = firstUnsaved()) {
      let part = next;
      try {
        await beforeWrite?.(STORE_FILES[next]);
        // Only one flush runs at a time, so something is still unsaved; re-picked after the await.
        part = firstUnsaved() ?? next;
        unsaved.delete(part);
        await writeStorePart(dataDir, data, part);
        failures = 0;
      } catch (error) {
        unsaved.add(part);
        const delay = retryDelaysMs[failures++];
        const file = join(dataDir, STORE_FILES[part]);
        log.error(
          { file, attempt: failures, error: describeError(error) },
          delay === undefined ? "store write failed; the change stays in memory" : "store write failed; retrying",
        );
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  }

  let queue: Promise<void> = Promise.resolve();
  let nextFlush: Promise<void> | undefined;

  function persist(parts: readonly StorePart[]): Promise<void> {
    for (const part of parts) unsaved.add(part);
    nextFlush ??= queue.then(() => {
      nextFlush = undefined;
      return flush();
    });
    const flushing = nextFlush;
    queue = flushing.catch(() => {});
    return flushing;
  }

  return storeOnData(data, { persist, close: () => queue });
}
