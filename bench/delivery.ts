/**
 * Delivery benchmark (issue 6): N chats each have six alerts waiting, which delivery groups at
 * send time into one message per chat, sent through the real Telegram transport (grammY) to a
 * local fake Bot API that enforces Telegram's flood limits, with the outbox in a real store on
 * disk (each confirmation is a write). It prints how long delivering all of them took beside
 * the least the limits allow: at 30 messages in any second, the last of N messages cannot start
 * before (ceil(N / 30) − 1) s. Goals for N = 500: ratio <= 1.25, no 429.
 *
 * `--copies N` (N > 1): the same work shared by N copies on one PostgreSQL database (delivery-copies.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Api } from "grammy";
import { telegramRates } from "../src/adapters/telegram/addressing.js";
import { telegramTransport } from "../src/adapters/telegram/transport.js";
import { systemClock } from "../src/core/clock.js";
import { silentLogger } from "../src/core/logger.js";
import { deliveryEngine } from "../src/delivery/dispatcher.js";
import { rateLimiter } from "../src/delivery/limiter.js";
import { openFilesStore } from "../src/store/files-store.js";
import { makeCommit, makeJob, makeOutboxEntry } from "../tests/fakes/builders.js";
import { startFakeBotApi } from "../tests/fakes/fake-bot-api.js";
import { parseArgs } from "node:util";
import { deliveryCopiesBench } from "./delivery-copies.js";
import { realJobs } from "./postings.js";

const CHATS = 500;
const ALERTS_PER_CHAT = 6;
const OVERALL_PER_SECOND = 30;

export async function deliveryBench(args: readonly string[] = []): Promise<void> {
  const { values } = parseArgs({ args: [...args], options: { copies: { type: "string", default: "1" } } });
  const copies = Number(values.copies);
  if (copies > 1) return deliveryCopiesBench(copies, CHATS, ALERTS_PER_CHAT);
  const api = await startFakeBotApi({ floodControl: true });
  const dir = await mkdtemp(join(tmpdir(), "jobhound-bench-delivery-"));
  try {
    const store = await openFilesStore(dir, { log: silentLogger });
    const now = Date.now();
    const jobs = realJobs(CHATS * ALERTS_PER_CHAT).map(({ title, company }) =>
      makeJob({ title, company, firstSeenAt: now, postedAt: now }),
    );
    const outbox = jobs.map((job, i) => {
      const chatId = 1_000 + Math.floor(i / ALERTS_PER_CHAT);
      return makeOutboxEntry({ chat: `telegram:${chatId}`, jobIds: [job.id], createdAt: now, nextAttemptAt: now });
    });
    for (let i = 0; i < CHATS; i++) api.addChat({ id: 1_000 + i, type: "private", first_name: `Person ${i}` });
    await store.commitCycle(makeCommit({ newJobs: jobs, outbox }));

    const transport = telegramTransport(new Api(api.token, { apiRoot: api.apiRoot }), systemClock);
    const limiters = new Map([["telegram", rateLimiter(telegramRates)]]);
    const delivery = deliveryEngine({
      store,
      transports: [transport],
      limiters,
      clock: systemClock,
      log: silentLogger,
    });
    const started = performance.now();
    await delivery.start();
    while ((await store.pendingAlerts()).length > 0) await sleep(5);
    const seconds = (performance.now() - started) / 1000;
    await delivery.stop();
    await store.close();

    const minimum = Math.ceil(CHATS / OVERALL_PER_SECOND) - 1;
    const messages = api.messages().length;
    console.log(
      `delivery: ${CHATS} chats: ${seconds.toFixed(1)} s, limit minimum ${minimum.toFixed(1)} s, ratio ${(seconds / minimum).toFixed(2)}, 429s ${api.tooManyRequests()}` +
        `  (${messages} messages for ${jobs.length} alerts; goals: ratio <= 1.25, 429s 0)`,
    );
  } finally {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
}
