/**
 * Several copies on one database (src/store/postgres/copies.ts), on the real PostgreSQL: one
 * scraper at a time and a successor when it goes, one copy per chat, shares of the budget, and
 * new alerts announced to every copy.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import { joinCopies, type Copies } from "../../src/store/postgres/copies.js";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { freshDatabaseUrl, postgresUrl } from "../postgres/test-database.js";

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(postgresUrl === null)("copies sharing one PostgreSQL database", () => {
  it("one scraper at a time, one copy per chat, equal shares, and alerts announced to all", async () => {
    const url = await freshDatabaseUrl();
    await (await openPostgresStore(url, { log: silentLogger, maxConnections: 1 })).close();
    const announced = [0, 0];
    const join = (n: number): Promise<Copies> =>
      joinCopies(url, {
        log: silentLogger,
        claimSeconds: 30,
        onAlerts: () => (announced[n] = (announced[n] ?? 0) + 1),
      });
    const [a, b] = await Promise.all([join(0), join(1)]);
    try {
      expect([a!.isScraper(), b!.isScraper()].filter(Boolean)).toHaveLength(1);
      await until("both shares", () => a!.share() === 0.5 && b!.share() === 0.5);

      expect(await a!.claims.claim("telegram:1")).toBe(true);
      expect(await b!.claims.claim("telegram:1")).toBe(false);
      expect(await a!.claims.claim("telegram:1")).toBe(true);
      await a!.claims.release("telegram:1");
      expect(await b!.claims.claim("telegram:1")).toBe(true);

      await a!.announceAlerts();
      await until("the announcement on both", () => announced.every((count) => count >= 1));

      const [scraper, standby] = a!.isScraper() ? [a!, b!] : [b!, a!];
      await scraper.leave();
      await until("the standby takes the lease", () => standby.isScraper());
    } finally {
      await Promise.all([a, b].map((copy) => copy!.leave().catch(() => {})));
    }
  }, 60_000);

  it("tells the platforms when this copy gains the lease and when it loses it with its connection", async () => {
    const url = await freshDatabaseUrl();
    await (await openPostgresStore(url, { log: silentLogger, maxConnections: 1 })).close();
    const copy = await joinCopies(url, { log: silentLogger, claimSeconds: 30 });
    const seen: boolean[] = [];
    try {
      expect(copy.isScraper()).toBe(true);
      copy.watchLease((held) => seen.push(held));
      expect(seen).toEqual([true]);
      // The lease connection dies (a network cut, a restarted server): the lock goes with it.
      const killer = new pg.Client({ connectionString: url });
      await killer.connect();
      await killer.query(
        // Only this schema's lease (copies.ts lockKey): other test files share the database, and
        // their stores hold advisory locks too (migrations).
        `SELECT pg_terminate_backend(pid) FROM pg_locks
         WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND objsubid = 1
           AND objid = ((hashtext('jobhound scraper ' || current_schema())::bigint & 4294967295)::text)::oid`,
      );
      await killer.end();
      await until("the loss", () => seen.length >= 2);
      expect(seen.slice(0, 2)).toEqual([true, false]);
      // The copy tries again on its next heartbeat and, alone, takes the lease back.
      await until("the lease back", () => seen.length >= 3);
      expect(seen).toEqual([true, false, true]);
    } finally {
      await copy.leave();
    }
  }, 60_000);
});
