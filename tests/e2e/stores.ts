/**
 * The stores the end-to-end tests run the bot on: its files in DATA_DIR, and PostgreSQL when this
 * run has a test database (tests/postgres/global-setup.ts). A test gets a fresh, empty store of
 * each kind from `env`, and can open the same store itself (to set it up, or to look inside).
 */
import { silentLogger } from "../../src/core/logger.js";
import { openFilesStore } from "../../src/store/files-store.js";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.js";
import type { Store } from "../../src/store/store.js";
import { freshDatabaseUrl, postgresUrl } from "../postgres/test-database.js";

export interface E2eStore {
  name: "files" | "PostgreSQL";
  /** False when this run cannot use it (PostgreSQL without a test database). */
  available: boolean;
  /** The variables that put a bot on a fresh, empty store of this kind; DATA_DIR is `dataDir`. */
  env(dataDir: string): Promise<Record<string, string>>;
}

/** The files in DATA_DIR: always available. */
export const FILES_STORE: E2eStore = {
  name: "files",
  available: true,
  env: async (dataDir) => ({ DATA_DIR: dataDir }),
};

export const E2E_STORES: readonly E2eStore[] = [
  FILES_STORE,
  {
    name: "PostgreSQL",
    available: postgresUrl !== null,
    env: async (dataDir) => ({ DATA_DIR: dataDir, DATABASE_URL: await freshDatabaseUrl() }),
  },
];

/** Opens the store a bot with this environment uses. */
export function openStoreOf(env: Record<string, string>): Promise<Store> {
  if (env.DATABASE_URL) return openPostgresStore(env.DATABASE_URL, { log: silentLogger, maxConnections: 2 });
  if (!env.DATA_DIR) throw new Error("the environment names no store: set DATA_DIR or DATABASE_URL");
  return openFilesStore(env.DATA_DIR, { log: silentLogger });
}
