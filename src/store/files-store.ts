/**
 * The store on disk, under DATA_DIR (the files and why there are several: store-files.ts). The
 * data lives in memory; every change is written to the files it touched before the method returns.
 *
 * Writes are serialised: one flush at a time, its files in WRITE_ORDER. A failed write is retried
 * a few times; if it keeps failing the method rejects, the previous file stays as it was (store-fs.ts
 * atomicWrite), data-store.ts undoes the change in memory, and `onWriteOutcome` reports it (the
 * health check says degraded). The store then retries by itself every `recheckMs`, writing memory
 * as it now is, so files a half-failed flush already wrote are put back in line with memory and
 * the health check recovers once the disk has room again.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describeError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import { storeOnData, type StoreLimits } from "./data-store.js";
import { JOURNAL_FILE, journalWriter, type OutboxChange } from "./outbox-journal.js";
import { nodeFileSystem, type StoreFileSystem } from "./store-fs.js";
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

export type WriteOutcome = { ok: true } | { ok: false; file: string; error: string };

export interface FilesStoreOptions {
  log: Logger;
  /** The file system the store writes through: tests pass one that fails. */
  fs?: StoreFileSystem;
  /** Called before each file write attempt; tests count writes, hold them, or throw to simulate a full disk. */
  beforeWrite?: (file: string) => void | Promise<void>;
  /** Delays between attempts of a failing write. */
  retryDelaysMs?: readonly number[];
  /** After a write failed for good, how long until the store tries again by itself. */
  recheckMs?: number;
  /** Every write's outcome (for health and metrics). */
  onWriteOutcome?: (outcome: WriteOutcome) => void;
  limits?: StoreLimits;
}

const DEFAULT_RETRY_DELAYS_MS = [200, 1_000, 3_000];
const DEFAULT_RECHECK_MS = 10_000;

/**
 * Opens or creates the store. Missing files start empty; a file that is not a valid store file
 * throws StoreLoadError and nothing is written, so nobody's data is replaced by an empty store.
 */
export async function openFilesStore(dataDir: string, options: FilesStoreOptions): Promise<Store> {
  const { log, beforeWrite, retryDelaysMs = DEFAULT_RETRY_DELAYS_MS, fs = nodeFileSystem } = options;
  const { recheckMs = DEFAULT_RECHECK_MS, onWriteOutcome = () => {} } = options;
  await mkdir(dataDir, { recursive: true });
  const loaded = await loadStoreFiles(dataDir, log);
  const { data } = loaded;
  /** The outbox journal generation state.json names on disk. */
  let generation = loaded.generation;
  await removeStaleTempFiles(dataDir);
  log.info({ dataDir, jobs: data.jobs.length, subscriptions: data.subscriptions.length }, "store loaded");

  const journal = journalWriter(fs, join(dataDir, JOURNAL_FILE));
  const unsaved = new Set<StorePart>();
  const firstUnsaved = () => WRITE_ORDER.find((part) => unsaved.has(part));

  function failed(file: string, error: unknown, attempt: number, retrying: boolean): void {
    log.error(
      { file: join(dataDir, file), attempt, error: describeError(error) },
      retrying ? "store write failed; retrying" : "store write failed; the change is undone",
    );
    if (!retrying) onWriteOutcome({ ok: false, file: join(dataDir, file), error: describeError(error) });
  }

  /**
   * Writes unsaved files until none is left, always the earliest in WRITE_ORDER next. The file is
   * picked and what it will hold is taken (writeStorePart copies it before its first await) with
   * no await in between: state.json, the commit point, is only written once every file before it
   * holds at least what state.json describes.
   */
  async function flush(): Promise<void> {
    let failures = 0;
    const written = new Set<StorePart>();
    for (let next = firstUnsaved(); next; next = firstUnsaved()) {
      let part = next;
      try {
        await beforeWrite?.(STORE_FILES[next]);
        // A change may have marked an earlier file meanwhile (a retry flush runs beside changes).
        part = firstUnsaved() ?? next;
        unsaved.delete(part);
        // Each state write starts a new journal generation: the old journal is folded into it.
        const nextGeneration = part === "state" ? generation + 1 : generation;
        await writeStorePart(fs, dataDir, data, part, nextGeneration);
        generation = nextGeneration;
        written.add(part);
        failures = 0;
      } catch (error) {
        unsaved.add(part);
        const delay = retryDelaysMs[failures++];
        failed(STORE_FILES[part], error, failures, delay !== undefined);
        if (delay === undefined) {
          // The change is undone in memory: the files this flush did write are now ahead of it
          // (subscriptions.ndjson holding a subscription nobody was told about) and are rewritten.
          for (const done of written) unsaved.add(done);
          throw error;
        }
        await sleep(delay);
      }
    }
    onWriteOutcome({ ok: true });
  }

  /** An outbox change of delivery, appended to the journal; a state write when the journal cannot take it. */
  async function saveOutboxChange(change: OutboxChange): Promise<void> {
    if (unsaved.size === 0) {
      try {
        await beforeWrite?.(JOURNAL_FILE);
        await journal.append(generation, change);
        onWriteOutcome({ ok: true });
        return;
      } catch (error) {
        // The journal may end in a torn line: a state write starts a new generation.
        failed(JOURNAL_FILE, error, 1, true);
      }
    }
    unsaved.add("state");
    await flush();
  }

  let queue: Promise<void> = Promise.resolve();
  let recheck: NodeJS.Timeout | undefined;
  let closed = false;

  function serially(task: () => Promise<void>): Promise<void> {
    const run = queue.then(task);
    queue = run.catch(() => {
      if (unsaved.size > 0 && !closed && recheck === undefined) {
        recheck = setTimeout(() => {
          recheck = undefined;
          void serially(flush).catch(() => {});
        }, recheckMs);
        recheck.unref();
      }
    });
    return run;
  }

  return storeOnData(
    data,
    {
      persist(parts) {
        for (const part of parts) unsaved.add(part);
        return serially(flush);
      },
      persistOutboxChange: (change) => serially(() => saveOutboxChange(change)),
      async close() {
        closed = true;
        clearTimeout(recheck);
        await queue;
      },
    },
    options.limits,
  );
}
