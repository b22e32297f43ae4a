/**
 * The PostgreSQL store on this run's test database (skipped without JOBHOUND_TEST_DATABASE_URL):
 * the store contract, then what only a shared database can get wrong (migrating once when two
 * processes start together, reopening, seeing another process's writes).
 */
import { describe } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { freshDatabaseUrl, postgresUrl } from "../postgres/test-database.js";
import { storeContract } from "./store.contract.js";

describe.skipIf(!postgresUrl)("PostgreSQL", () => {
  storeContract("openPostgresStore", async () =>
    openPostgresStore(await freshDatabaseUrl(), { log: silentLogger, maxConnections: 3 }),
  );
});
