/**
 * Moving up: importing a files store into PostgreSQL (skipped without JOBHOUND_TEST_DATABASE_URL).
 * The imported database must answer every read as the files did, and go on from the same
 * lastSeq and subscription id; importing twice changes nothing; a database that holds other
 * data is refused untouched.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import { initialSourceState } from "../../src/core/source-state.js";
import { openFilesStore } from "../../src/store/files-store.js";
import { importFiles } from "../../src/store/postgres/import-files.js";
import { migrate } from "../../src/store/postgres/migrations.js";
import { createPool } from "../../src/store/postgres/pool.js";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { loadStoreFiles } from "../../src/store/store-files.js";
import type { Store } from "../../src/store/store.js";
import { makeCommit, makeJob, makeOutboxEntry, T0 } from "../fakes/builders.js";
import { freshDatabaseUrl, postgresUrl } from "../postgres/test-database.js";

const CHATS = ["telegram:1", "telegram:2", "telegram:3"];

/** Everything a bot can read from a store, to compare two stores. */
async function readAll(store: Store) {
  return {
    lastSeq: await store.lastSeq(),
    jobs: await store.recentJobs(),
    subscriptions: await Promise.all(CHATS.map((chat) => store.subscriptionsOf(chat))),
    chats: await Promise.all(CHATS.map((chat) => store.getChat(chat))),
    sources: await store.sourceStates(),
    outbox: await store.pendingAlerts(),
  };
}

describe.skipIf(!postgresUrl)("importing a files store into PostgreSQL", () => {
  let root: string;
  let dataDir: string;
  const pruned = makeJob({ firstSeenAt: T0 - 40 * DAY });
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "jobhound-import-"));
    dataDir = join(root, "data");
    const files = await openFilesStore(dataDir, { log: silentLogger });
    const rust = await files.addSubscription({
      chat: CHATS[0] as string,
      createdBy: "1",
      query: "rust",
      createdAt: T0,
    });
    const gone = await files.addSubscription({ chat: CHATS[1] as string, createdBy: "2", query: "go", createdAt: T0 });
    await files.addSubscription({ chat: CHATS[1] as string, createdBy: "2", query: "python", createdAt: T0 });
    await files.removeSubscription(CHATS[1] as string, gone.id);
    await files.setPaused(CHATS[2] as string, true, "blocked");
    await files.commitCycle(makeCommit({ newJobs: [pruned] }));
    await files.pruneJobs(T0 - DAY, T0);
    const [sent, queued] = [makeJob({ firstSeenAt: T0 }), makeJob({ firstSeenAt: T0 })];
    await files.commitCycle(
      makeCommit({
        newJobs: [sent, queued],
        sourceStates: [{ ...initialSourceState("remoteok"), baselineDone: true, jobsSeen: 3 }],
        outbox: [
          makeOutboxEntry({ chat: CHATS[0], jobIds: [queued.id] }),
          makeOutboxEntry({ chat: CHATS[1], jobIds: [sent.id, queued.id], attempts: 2, nextAttemptAt: T0 + 5 }),
        ],
        cursor: queued.seq,
        matchCounts: { [rust.id]: 1 },
      }),
    );
    await files.close();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function importInto(url: string) {
    const db = createPool(url, silentLogger, 2);
    try {
      await migrate(db);
      return await importFiles(db, (await loadStoreFiles(dataDir, silentLogger)).data);
    } finally {
      await db.end();
    }
  }

  it("answers every read as the files did, and goes on from the same seq and subscription id", async () => {
    const url = await freshDatabaseUrl();
    expect(await importInto(url)).toMatchObject({ status: "imported", jobs: 2, subscriptions: 2, alerts: 2 });
    const [files, database] = [
      await openFilesStore(dataDir, { log: silentLogger }),
      await openPostgresStore(url, { log: silentLogger }),
    ];
    expect(await readAll(database)).toEqual(await readAll(files));
    expect(await database.wasPruned(pruned)).toBe(true);
    const next = { chat: "telegram:9", createdBy: "9", query: "kotlin", createdAt: T0 };
    expect((await database.addSubscription(next)).id).toBe("4");
    await Promise.all([files.close(), database.close()]);
  });

  it("changes nothing when the same files are imported again", async () => {
    const url = await freshDatabaseUrl();
    await importInto(url);
    const store = await openPostgresStore(url, { log: silentLogger });
    const before = await readAll(store);
    expect(await importInto(url)).toEqual({ status: "already imported" });
    expect(await readAll(store)).toEqual(before);
    await store.close();
  });

  it("refuses a database that holds other data, and leaves it as it was", async () => {
    const url = await freshDatabaseUrl();
    const store = await openPostgresStore(url, { log: silentLogger });
    await store.addSubscription({ chat: "telegram:7", createdBy: "7", query: "elixir", createdAt: T0 });
    const before = await readAll(store);
    await expect(importInto(url)).rejects.toThrow(/already holds other data \(0 jobs, 1 subscriptions/);
    expect(await readAll(store)).toEqual(before);
    await store.close();
  });
});
