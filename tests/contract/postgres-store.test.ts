/**
 * The PostgreSQL store on this run's test database (skipped without JOBHOUND_TEST_DATABASE_URL):
 * the store contract, then what only a shared database can get wrong (migrating once when two
 * processes start together, reopening, seeing another process's writes, text jsonb refuses).
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../src/core/alert.js";
import { DAY } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import { initialSourceState } from "../../src/core/source-state.js";
import type { MatchedSubscription } from "../../src/core/subscription.js";
import { MIGRATIONS } from "../../src/store/postgres/migrations.js";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { makeCommit, makeJob, makeOutboxEntry, T0 } from "../fakes/builders.js";
import { freshDatabaseUrl, postgresUrl } from "../postgres/test-database.js";
import { storeContract } from "./store.contract.js";

const open = (url: string) => openPostgresStore(url, { log: silentLogger, maxConnections: 3 });

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresUrl)("PostgreSQL", () => {
  storeContract("openPostgresStore", async () => open(await freshDatabaseUrl()));

  describe("openPostgresStore on a shared database", () => {
    it("migrates a fresh database once when two processes start together", async () => {
      const url = await freshDatabaseUrl();
      const [a, b] = await Promise.all([open(url), open(url)]);
      const versions = await query<{ version: number }>(url, "SELECT version FROM schema_migrations ORDER BY version");
      expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
      await a.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: T0 });
      expect(await b.countSubscriptions()).toBe(1);
      await Promise.all([a.close(), b.close()]);
    });

    it("reads more subscriptions than one page of changes, all of them in id order", async () => {
      const url = await freshDatabaseUrl();
      const store = await open(url);
      // Past 10,000 (one page), where ids ordered as text would skip and repeat.
      await query(
        url,
        `INSERT INTO subscriptions (id, chat, version, data)
         SELECT n, 'telegram:' || (n % 7), 1, jsonb_build_object('query', 'rust', 'sinceSeq', n, 'createdBy', '1', 'createdAt', 0)
         FROM generate_series(1, 10050) n;
         UPDATE subscription_clock SET version = 1, next_id = 10051`,
      );
      const { added } = await store.subscriptionChanges(0);
      expect(added.map((s) => Number(s.id))).toEqual(Array.from({ length: 10050 }, (_, i) => i + 1));
      expect(added[9999]).toEqual({ id: "10000", chat: "telegram:4", query: "rust", sinceSeq: 10000 });
      const pages: MatchedSubscription[][] = [];
      await store.allSubscriptions(async (page) => void pages.push(page));
      expect(pages.map((page) => page.length)).toEqual([10000, 50]);
      expect(pages.flat()).toEqual(added);
      await store.close();
    });

    it("loads more jobs than one page on opening, each once and in seq order, descriptions whole", async () => {
      const url = await freshDatabaseUrl();
      const first = await open(url);
      const jobs = Array.from({ length: 4_100 }, (_, i) =>
        makeJob({ seq: i + 1, description: `Posting ${i + 1}: naïve “quotes” — ${"x".repeat(i % 50)}` }),
      );
      await first.commitCycle(makeCommit({ newJobs: jobs }));
      await first.close();
      const reopened = await open(url);
      expect((await reopened.recentJobs()).reverse()).toEqual(jobs);
      await reopened.close();
    });

    it("keeps the queued alerts and chats' cursors of a database from before one cursor for all (schema 3)", async () => {
      const url = await freshDatabaseUrl();
      const alert = makeOutboxEntry({ chat: "telegram:1", nextAttemptAt: T0 + 7 });
      const { id, chat, ...data } = alert;
      await query(
        url,
        `CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
         ${MIGRATIONS.slice(0, 3).join(";")};
         INSERT INTO schema_migrations (version) VALUES (1), (2), (3);
         INSERT INTO chats (chat, cursor, paused, data) VALUES ('telegram:1', 5, false, '{}');
         INSERT INTO outbox (id, chat, created_at, job_ids, data)
         VALUES ('${id}', '${chat}', ${T0}, '{}', '${JSON.stringify(data)}'::jsonb)`,
      );
      const store = await open(url);
      expect(await store.pendingAlerts()).toEqual([alert]);
      expect(await store.outboxHeads()).toEqual([{ chat, nextAttemptAt: T0 + 7 }]);
      expect((await store.getChat("telegram:1"))?.cursor).toBe(5);
      await store.close();
    });

    it("refuses a database migrated by a newer Jobhound", async () => {
      const url = await freshDatabaseUrl();
      await (await open(url)).close();
      await query(url, `INSERT INTO schema_migrations (version) VALUES (${MIGRATIONS.length + 1})`);
      await expect(open(url)).rejects.toThrow(/newer than this Jobhound knows/);
    });

    it("keeps every kind of state across reopening", async () => {
      const url = await freshDatabaseUrl();
      const store = await open(url);
      const sub = await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: 1 });
      await store.setPaused("telegram:3", true, "blocked");
      const job = makeJob();
      const alert = makeOutboxEntry({ chat: "telegram:1", jobIds: [job.id] });
      const source = { ...initialSourceState("remoteok"), baselineDone: true, etag: '"abc"' };
      await store.commitCycle(
        makeCommit({
          newJobs: [job],
          sourceStates: [source],
          outbox: [alert],
          cursor: job.seq,
          matchCounts: { [sub.id]: 1 },
        }),
      );
      await store.close();

      const reopened = await open(url);
      expect(await reopened.lastSeq()).toBe(job.seq);
      expect(await reopened.recentJobs()).toEqual([job]);
      expect(await reopened.subscriptionsOf("telegram:1")).toEqual([{ ...sub, matchCount: 1 }]);
      expect(await reopened.getChat("telegram:1")).toEqual({ chat: "telegram:1", cursor: job.seq, paused: false });
      expect((await reopened.getChat("telegram:3"))?.pausedReason).toBe("blocked");
      expect(await reopened.sourceStates()).toEqual([source]);
      expect(await reopened.pendingAlerts()).toEqual([alert]);
      expect(
        (await reopened.addSubscription({ chat: "telegram:1", createdBy: "1", query: "go", createdAt: 3 })).id,
      ).toBe("2");
      await reopened.close();
    });

    it("shows one process the jobs another stored, updated and pruned", async () => {
      const url = await freshDatabaseUrl();
      const [writer, reader] = [await open(url), await open(url)];
      const [old, fresh] = [makeJob({ firstSeenAt: T0 - DAY }), makeJob({ firstSeenAt: T0 })];
      expect(await reader.recentJobs()).toEqual([]);
      await writer.commitCycle(makeCommit({ newJobs: [old, fresh] }));
      await expect.poll(() => reader.recentJobs()).toEqual([fresh, old]);
      const moved = { ...fresh, url: "https://jobs.example.com/moved" };
      await writer.commitCycle(makeCommit({ updatedJobs: [moved] }));
      await expect.poll(() => reader.findSameJob({ id: "x:1", fingerprint: "x", url: moved.url })).toEqual(moved);
      await writer.pruneJobs(T0, T0 + DAY);
      await expect.poll(() => reader.recentJobs()).toEqual([moved]);
      expect(await reader.getJob(old.id)).toBeUndefined();
      expect(await reader.wasPruned(old)).toBe(true);
      await Promise.all([writer.close(), reader.close()]);
    });

    it("finds a job another process committed a moment ago, so its alert is never taken for a pruned job's", async () => {
      const url = await freshDatabaseUrl();
      const [writer, deliverer] = [await open(url), await open(url)];
      expect(await deliverer.recentJobs()).toEqual([]); // the deliverer's cache is fresh now
      const job = makeJob();
      await writer.commitCycle(makeCommit({ newJobs: [job], outbox: [makeOutboxEntry({ jobIds: [job.id] })] }));
      // At once, as delivery does when another copy's alert appears: the entry is there, so is its job.
      expect(await deliverer.pendingAlerts()).toHaveLength(1);
      expect(await deliverer.getJob(job.id)).toEqual(job);
      await Promise.all([writer.close(), deliverer.close()]);
    });

    it("commits more jobs and alerts than one statement carries, all of them, in order", async () => {
      const store = await open(await freshDatabaseUrl());
      const jobs = Array.from({ length: 600 }, () => makeJob());
      const outbox = Array.from({ length: 4_500 }, (_, i) =>
        makeOutboxEntry({ chat: `telegram:${i % 7}`, jobIds: [(jobs[i % jobs.length] as { id: string }).id] }),
      );
      await store.commitCycle(makeCommit({ newJobs: jobs, outbox }));
      expect((await store.recentJobs()).map((job) => job.id)).toEqual(jobs.map((job) => job.id).reverse());
      expect((await store.pendingAlerts()).map((entry) => entry.id)).toEqual(outbox.map((entry) => entry.id));
      await store.close();
    });

    it("stores text jsonb cannot hold (a NUL, half an emoji) without failing the commit", async () => {
      const store = await open(await freshDatabaseUrl());
      const job = makeJob({ title: "Rust\u0000 Engineer", description: "broken \ud83d emoji" });
      await store.commitCycle(makeCommit({ newJobs: [job] }));
      expect(await store.getJob(job.id)).toMatchObject({ title: "Rust Engineer", description: "broken \ufffd emoji" });
      await store.close();
    });

    it("queues alerts whose text holds what COPY treats specially (tab, newline, backslash, quotes)", async () => {
      const store = await open(await freshDatabaseUrl());
      const odd = 'a\tb\nc\\d"e\r{f},g\\N';
      const job = makeJob({ id: `test:${odd}`, firstSeenAt: T0 - 1 });
      const alert: OutboxEntry = {
        ...makeOutboxEntry({ id: `alert ${odd}`, chat: `telegram:${odd}` }),
        items: [{ jobId: job.id, matches: [{ subscriptionId: "1", query: odd, words: [odd] }] }],
      };
      await store.commitCycle(makeCommit({ newJobs: [job], outbox: [alert] }));
      expect(await store.pendingAlertsOf(alert.chat)).toEqual([alert]);
      // The alert's job ids hold the job: pruning keeps it.
      await store.pruneJobs(T0, T0);
      expect(await store.getJob(job.id)).toEqual(job);
      await store.close();
    });

    it("keeps fields it does not know on jobs, alerts and source states", async () => {
      const store = await open(await freshDatabaseUrl());
      const job = { ...makeJob(), level: "senior", closedAt: T0 };
      const alert = { ...makeOutboxEntry({ jobIds: [job.id] }), folded: 3 };
      const source = { ...initialSourceState("remoteok"), note: "kept" };
      await store.commitCycle(makeCommit({ newJobs: [job], outbox: [alert], sourceStates: [source] }));
      expect(await store.getJob(job.id)).toEqual(job);
      expect(await store.pendingAlerts()).toEqual([alert]);
      expect(await store.sourceStates()).toEqual([source]);
      await store.close();
    });
  });
});
