/**
 * The store on disk: one JSON file, `<dataDir>/jobhound.json`, through lowdb. The whole data lives
 * in memory; each mutating method rewrites the file once (lowdb writes a temp file and renames
 * it, so a kill leaves the old file or the new one, never half of one).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { Low, type Adapter } from "lowdb";
import { TextFile } from "lowdb/node";
import { describeError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import { emptyStoreData, type StoreData } from "./data.js";
import { storeOnData } from "./data-store.js";
import { StoreLoadError, storeFileAdapter } from "./store-file.js";
import type { Store } from "./store.js";

export { StoreLoadError } from "./store-file.js";

export const STORE_FILE_NAME = "jobhound.json";

export interface LowdbStoreOptions {
  log: Logger;
  /** The text file under the store; tests wrap lowdb's TextFile to count writes. */
  adapter?: Adapter<string>;
}

/**
 * Opens or creates the store. A missing file starts empty; a file that is not a valid store throws
 * StoreLoadError and is never written, so nobody's subscriptions are replaced by an empty store.
 */
export async function openLowdbStore(dataDir: string, { log, adapter }: LowdbStoreOptions): Promise<Store> {
  const file = join(dataDir, STORE_FILE_NAME);
  await mkdir(dataDir, { recursive: true });
  const db = new Low<StoreData>(storeFileAdapter(adapter ?? new TextFile(file), file), emptyStoreData());
  try {
    await db.read();
  } catch (error) {
    if (error instanceof StoreLoadError) throw error;
    throw new StoreLoadError(`cannot read ${file}: ${describeError(error)}`, { cause: error });
  }
  log.info({ file, jobs: db.data.jobs.length, subscriptions: db.data.subscriptions.length }, "store loaded");

  const writes = new Set<Promise<void>>();
  return storeOnData(db.data, {
    persist() {
      const write = db.write();
      writes.add(write);
      // Only close() needs the set; the caller of persist() handles a failure.
      const forget = () => void writes.delete(write);
      write.then(forget, forget);
      return write;
    },
    async close() {
      await Promise.allSettled([...writes]);
    },
  });
}
