/**
 * `npm run import -- <data dir>`: copies the files store in <data dir> into the database at
 * DATABASE_URL (from the environment or ./.env), creating its schema first. See import-files.ts
 * (src/store/postgres/import-files.ts) for what is copied and when it refuses. Run it with the
 * bot stopped.
 */
import { existsSync } from "node:fs";
import { describeError } from "./core/errors.js";
import { createLogger } from "./logging.js";
import { importFiles } from "./store/postgres/import-files.js";
import { migrate } from "./store/postgres/migrations.js";
import { createPool } from "./store/postgres/pool.js";
import { loadStoreFiles } from "./store/store-files.js";

async function main(args: readonly string[]): Promise<number> {
  const dataDir = args[0];
  if (args.length !== 1 || !dataDir) {
    process.stderr.write("usage: npm run import -- <data dir>   (with DATABASE_URL set)\n");
    return 2;
  }
  if (existsSync(".env")) process.loadEnvFile(".env");
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    process.stderr.write("jobhound import: set DATABASE_URL to the database to import into\n");
    return 2;
  }
  if (!existsSync(dataDir)) {
    process.stderr.write(`jobhound import: ${dataDir} does not exist\n`);
    return 1;
  }
  const log = createLogger({ level: "info", secrets: [decodeURIComponent(new URL(url).password)].filter(Boolean) });
  const { data } = await loadStoreFiles(dataDir, log);
  const db = createPool(url, log, 2);
  try {
    await migrate(db);
    const outcome = await importFiles(db, data);
    if (outcome.status === "already imported")
      log.info({ dataDir }, "these files were already imported into this database: nothing changed");
    else log.info({ dataDir, ...outcome }, "imported; start the bot with DATABASE_URL set");
    return 0;
  } finally {
    await db.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`jobhound import: ${describeError(error)}\n`);
    process.exit(1);
  },
);
