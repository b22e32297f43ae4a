/**
 * `npm run bench -- delivery --copies N`: the delivery bench with N copies sharing one PostgreSQL
 * database (README "Running several copies"): each copy has its own store connection pool, its own
 * membership, lease and claims (src/store/postgres/copies.ts), its own delivery engine and its own
 * limiter cut to its share of Telegram's overall limit. They run in this one process (one event
 * loop), all sending to one fake Bot API that enforces Telegram's flood limits: the line printed
 * is the one-copy line's, for N copies together. Goals: ratio <= 1.25, no 429.
 *
 * The database: a schema created (and dropped) in JOBHOUND_BENCH_DATABASE_URL, else
 * JOBHOUND_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Api } from "grammy";
import pg from "pg";
import { telegramRates } from "../src/adapters/telegram/addressing.js";
import { telegramTransport } from "../src/adapters/telegram/transport.js";
import { systemClock } from "../src/core/clock.js";
import { silentLogger } from "../src/core/logger.js";
import { deliveryEngine } from "../src/delivery/dispatcher.js";
import { rateLimiter } from "../src/delivery/limiter.js";
import { systemTimers } from "../src/delivery/timers.js";
import { joinCopies } from "../src/store/postgres/copies.js";
import { openPostgresStore } from "../src/store/postgres/postgres-store.js";
import type { Store } from "../src/store/store.js";
import { makeCommit, makeJob, makeOutboxEntry } from "../tests/fakes/builders.js";
import { startFakeBotApi } from "../tests/fakes/fake-bot-api.js";
import { realJobs } from "./postings.js";

const POLL_MS = 2_000;

async function freshSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin =
    process.env.JOBHOUND_BENCH_DATABASE_URL ??
    process.env.JOBHOUND_TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  const url = new URL(admin);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => run(`DROP SCHEMA ${schema} CASCADE`) };
}

export async function deliveryCopiesBench(copyCount: number, chats: number, alertsPerChat: number): Promise<void> {
  const api = await startFakeBotApi({ floodControl: true });
  const database = await freshSchema();
  const stores: Store[] = [];
  try {
    const open = () => openPostgresStore(database.url, { log: silentLogger, maxConnections: 4 });
    const seed = await open();
    stores.push(seed);
    const now = Date.now();
    const jobs = realJobs(chats * alertsPerChat).map(({ title, company }) =>
      makeJob({ title, company, firstSeenAt: now, postedAt: now }),
    );
    const outbox = jobs.map((job, i) => {
      const chatId = 1_000 + Math.floor(i / alertsPerChat);
      return makeOutboxEntry({ chat: `telegram:${chatId}`, jobIds: [job.id], createdAt: now, nextAttemptAt: now });
    });
    for (let i = 0; i < chats; i++) api.addChat({ id: 1_000 + i, type: "private", first_name: `Person ${i}` });
    await seed.commitCycle(makeCommit({ newJobs: jobs, outbox }));

    const copies = await Promise.all(
      Array.from({ length: copyCount }, () => joinCopies(database.url, { log: silentLogger, claimSeconds: 45 })),
    );
    // Each copy sends only once it counts all the others (its share is 1 / copies).
    while (copies.some((copy) => Math.abs(copy.share() - 1 / copyCount) > 1e-9)) await sleep(50);
    for (let i = 1; i < copyCount; i++) stores.push(await open());
    const engines = copies.map((copy, i) =>
      deliveryEngine({
        store: stores[i] as Store,
        transports: [telegramTransport(new Api(api.token, { apiRoot: api.apiRoot }), systemClock)],
        limiters: new Map([
          ["telegram", rateLimiter(telegramRates, { clock: systemClock, timers: systemTimers, share: copy.share })],
        ]),
        clock: systemClock,
        log: silentLogger,
        claims: copy.claims,
      }),
    );
    const started = performance.now();
    await Promise.all(engines.map((engine) => engine.start()));
    const polls = engines.map((engine) => setInterval(() => void engine.wake().catch(() => {}), POLL_MS));
    while ((await seed.countPendingAlerts()) > 0) await sleep(20);
    const seconds = (performance.now() - started) / 1000;
    for (const poll of polls) clearInterval(poll);
    await Promise.all(engines.map((engine) => engine.stop()));
    await Promise.all(copies.map((copy) => copy.leave()));

    const minimum = Math.ceil(chats / telegramRates.overall[0]!.max) - 1;
    console.log(
      `delivery (${copyCount} copies, one database): ${chats} chats: ${seconds.toFixed(1)} s, limit minimum ${minimum.toFixed(1)} s, ratio ${(seconds / minimum).toFixed(2)}, 429s ${api.tooManyRequests()}` +
        `  (${api.messages().length} messages for ${jobs.length} alerts; goals: ratio <= 1.25, 429s 0)`,
    );
  } finally {
    await Promise.all(stores.map((store) => store.close()));
    await api.close();
    await database.drop();
  }
}
