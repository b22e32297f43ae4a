/**
 * Three copies of the bot on one PostgreSQL database, behind one webhook URL (a round-robin proxy),
 * as README "Running several copies" describes: one copy scrapes, all deliver, all answer commands.
 * The scraping copy is killed (SIGKILL) while 200 chats are being sent their alert: another copy
 * takes the scraping over, every chat gets its alert, at most the messages in flight then twice,
 * and the three together never go past Telegram's limits (the fake answers 429 when they do). A
 * chat paused through one copy gets nothing from any.
 */
import { afterAll, describe, expect, it } from "vitest";
import { telegramRates } from "../../src/adapters/telegram/addressing.js";
import { freePort } from "../fakes/free-port.js";
import { startRoundRobinProxy, type RoundRobinProxy } from "../fakes/round-robin-proxy.js";
import { person, privateChat, textMessage } from "../fakes/telegram-updates.js";
import { postgresUrl } from "../postgres/test-database.js";
import { cyclesDone, startBot, type BotProcess } from "./bot-process.js";
import { E2E_STORES } from "./stores.js";
import { deliveryWorld, privateChats, publish, QUERY, stop, type DeliveryWorld } from "./telegram-delivery.js";

const POSTGRES = E2E_STORES.find((kind) => kind.name === "PostgreSQL");
/** Starting three processes on a busy machine takes a while. */
const START_MS = 90_000;
const COPIES = 3;
const scraperNow = (bot: BotProcess): boolean => bot.logs().some((l) => l.msg === "this copy is the scraper now");

describe.skipIf(postgresUrl === null || !POSTGRES)("three copies on one database", () => {
  let world: DeliveryWorld | undefined;
  let proxy: RoundRobinProxy | undefined;
  const bots: BotProcess[] = [];
  afterAll(async () => {
    for (const bot of bots) await stop(bot);
    await proxy?.close();
    await world?.close();
  });

  it("scrape on one copy, deliver on all, answer anywhere, and survive the scraper's kill -9", async () => {
    const chats = privateChats(200);
    const ports = await Promise.all(Array.from({ length: COPIES }, () => freePort()));
    proxy = await startRoundRobinProxy(ports.map((port) => `http://127.0.0.1:${port}`));
    const w = (world = await deliveryWorld(POSTGRES!, chats, {
      TELEGRAM_WEBHOOK_URL: `${proxy.url}/telegram/updates`,
      // A dead copy's claims expire after the send timeout and a margin: keep the test short.
      DELIVERY_TIMEOUT_SECONDS: "10",
    }));
    for (const port of ports) bots.push(startBot({ ...w.env, HTTP_PORT: String(port) }));
    for (const bot of bots)
      await bot.waitFor(
        "its HTTP server",
        () => bot.logs().some((l) => l.msg === "health and metrics endpoint listening"),
        START_MS,
      );
    await w.api.waitFor("the baseline cycle", () => bots.some((bot) => cyclesDone(bot) >= 1), START_MS);

    // Three people subscribe, their updates reaching the three copies in turn.
    const people = [1, 2, 3].map((n) => person(9_000 + n, `Person ${n}`));
    for (const someone of people) w.api.enqueue(textMessage(privateChat(someone.id), someone, `/subscribe ${QUERY}`));
    await w.api.waitFor(
      "three confirmations",
      () => people.every((p) => w.api.messages(p.id).some((m) => m.text.includes("Subscribed"))),
      START_MS,
    );
    // A copy answers the webhook's request once it has handled the update, after its reply went out.
    await w.api.waitFor("three webhook answers", () => proxy!.answeredBy.length === people.length, START_MS);
    expect(new Set(proxy.answeredBy).size).toBe(COPIES);
    // A fourth person subscribes and pauses, through other copies than the ones that will deliver.
    const pausing = person(9_004, "Pausing");
    w.api.enqueue(textMessage(privateChat(pausing.id), pausing, `/subscribe ${QUERY}`));
    await w.api.waitFor("the confirmation", () => w.api.messages(pausing.id).length === 1, START_MS);
    w.api.enqueue(textMessage(privateChat(pausing.id), pausing, "/pause"));
    await w.api.waitFor("the pause", () => w.api.messages(pausing.id).length === 2, START_MS);

    // One copy scrapes; the others only deliver.
    const scraper = bots.find((bot) => cyclesDone(bot) > 0);
    expect(bots.filter((bot) => cyclesDone(bot) > 0)).toEqual([scraper]);
    publish(w);
    await w.api.waitFor("delivery well under way", () => w.api.messages().length >= 60, START_MS);
    // The boards saw one fetch per cycle of the one scraping copy, not one per copy.
    expect(w.board.requests("/feed.rss")).toBeLessThanOrEqual(cyclesDone(scraper!) + 1);
    scraper!.child.kill("SIGKILL");
    await scraper!.exited;
    const deliveredBeforeKill = new Set(w.api.messages().map((m) => m.chat.id));
    const survivors = bots.filter((bot) => bot !== scraper);

    await w.api.waitFor("another copy scrapes", () => survivors.some(scraperNow), 60_000);
    const everyone = [...chats, ...people.map((p) => p.id)];
    await w.api.waitFor("an alert in every chat", () => everyone.every((id) => w.alertsTo(id) >= 1), 90_000);
    const requestsAtTakeover = w.board.requests("/feed.rss");
    const newScraper = survivors.find(scraperNow)!;
    const cyclesAtTakeover = cyclesDone(newScraper);
    await newScraper.waitFor("two more cycles", () => cyclesDone(newScraper) >= cyclesAtTakeover + 2, 30_000);
    expect(w.board.requests("/feed.rss") - requestsAtTakeover).toBeLessThanOrEqual(
      cyclesDone(newScraper) - cyclesAtTakeover,
    );
    // Once every copy reports an empty outbox, nothing more will go out: every repeat has arrived.
    for (const bot of survivors) {
      const before = bot.logs().length;
      await bot.waitFor(
        "an empty outbox",
        () =>
          bot
            .logs()
            .slice(before)
            .some((l) => l.msg === "delivery since the previous cycle" && l.queued === 0),
        60_000,
      );
    }

    const repeated = everyone.filter((id) => w.alertsTo(id) > 1);
    expect(everyone.filter((id) => w.alertsTo(id) > 2)).toEqual([]);
    expect(repeated.length).toBeLessThanOrEqual(telegramRates.concurrency);
    expect(repeated.filter((id) => !deliveredBeforeKill.has(id))).toEqual([]);
    expect(w.api.tooManyRequests()).toBe(0);
    expect(w.alertsTo(pausing.id)).toBe(0);
  }, 300_000);
});
