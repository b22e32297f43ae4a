/**
 * Delivery end to end (issue 6): the real bot process, a fake board, and a fake Bot API that
 * enforces Telegram's flood limits, answering 429 beyond them.
 */
import { afterEach, describe, expect, it } from "vitest";
import { failures, once, toChat, type ApiFailure } from "../fakes/fake-bot-api.js";
import type { BotProcess } from "./bot-process.js";
import { E2E_STORES, openStoreOf } from "./stores.js";
import { deliveryWorld, privateChats, startAndPublish, stop, type DeliveryWorld } from "./telegram-delivery.js";

let world: DeliveryWorld | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  if (bot) await stop(bot);
  await world?.close();
  bot = undefined;
  world = undefined;
});

const sendsTo = (w: DeliveryWorld, chatId: number) =>
  w.api.calls("sendMessage").filter((c) => Number(c.params.chat_id) === chatId);

for (const kind of E2E_STORES)
  describe.skipIf(!kind.available)(`delivery to Telegram, end to end (${kind.name})`, () => {
    it("brings 300 chats their alert, once each, without a single 429", async () => {
      const chats = privateChats(300);
      const w = (world = await deliveryWorld(kind, chats));
      bot = await startAndPublish(w);
      await w.api.waitFor("an alert in every chat", () => chats.every((id) => w.alertsTo(id) >= 1), 60_000);

      expect(chats.filter((id) => w.alertsTo(id) !== 1)).toEqual([]);
      expect(w.api.tooManyRequests()).toBe(0);
      expect(w.api.violations).toEqual([]);

      // The log line after each cycle adds up to the same story.
      const reports = () => bot?.logs().filter((l) => l.msg === "delivery since the previous cycle") ?? [];
      const total = (field: string) => reports().reduce((sum, l) => sum + Number(l[field]), 0);
      await bot.waitFor(
        "a cycle's report of the last sends",
        () => total("sent") === 300 && reports().at(-1)?.queued === 0,
      );
      // A transient failure (a keep-alive connection reset on a loaded machine) may happen and is
      // retried: what must hold is one alert per chat, no 429, nothing refused or dropped.
      expect(["rateLimited", "permanent", "dropped"].map(total)).toEqual([0, 0, 0]);
    }, 90_000);

    it("loses nothing to server errors, dropped connections, requests without an answer, or a 429", async () => {
      const chats = privateChats(40);
      const faults: [number[], ApiFailure | "drop" | "hang"][] = [
        [chats.slice(0, 10), failures.serverError()],
        [chats.slice(10, 20), "drop"],
        [chats.slice(20, 30), "hang"],
        [chats.slice(30, 35), failures.tooManyRequests(1)],
      ];
      const w = (world = await deliveryWorld(kind, chats, { DELIVERY_TIMEOUT_SECONDS: "2" }));
      // Each faulty chat's first send meets its fault; the retries go through.
      for (const [ids, fault] of faults)
        for (const id of ids)
          w.api.hook(
            "sendMessage",
            once((params) => (Number(params.chat_id) === id ? fault : undefined)),
          );
      bot = await startAndPublish(w);
      await w.api.waitFor("an alert in every chat", () => chats.every((id) => w.alertsTo(id) >= 1), 60_000);

      expect(chats.filter((id) => w.alertsTo(id) !== 1)).toEqual([]);
      for (const id of chats.slice(0, 35)) expect(sendsTo(w, id).length).toBeGreaterThanOrEqual(2);
      const limited = chats.slice(30, 35).map((id) => sendsTo(w, id).map((c) => c.at));
      for (const [first, second] of limited) expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(1_000);
      // The injected 429s are the only ones: the bot itself stayed within the limits.
      expect(w.api.tooManyRequests()).toBe(0);
    }, 90_000);

    it("pauses a chat that blocked the bot after one attempt, keeping its subscription", async () => {
      const chats = privateChats(3);
      const blocked = chats[1] as number;
      const w = (world = await deliveryWorld(kind, chats));
      w.api.hook("sendMessage", toChat(blocked, failures.blocked));
      bot = await startAndPublish(w);
      await w.api.waitFor(
        "the other chats' alerts",
        () => w.alertsTo(chats[0] as number) === 1 && w.alertsTo(chats[2] as number) === 1,
      );
      await bot.waitFor("the pause", () => bot?.logs().some((l) => l.msg.startsWith("chat refuses alerts")) ?? false);
      await stop(bot);

      expect(sendsTo(w, blocked)).toHaveLength(1);
      const store = await openStoreOf(w.env);
      expect(await store.getChat(`telegram:${blocked}`)).toMatchObject({
        paused: true,
        pausedReason: expect.stringContaining("blocked"),
      });
      expect(await store.subscriptionsOf(`telegram:${blocked}`)).toHaveLength(1);
      expect(await store.pendingAlerts()).toEqual([]);
      await store.close();
    }, 60_000);
  });
