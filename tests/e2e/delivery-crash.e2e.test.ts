/**
 * docs/ARCHITECTURE.md "Delivery's guarantees": the bot killed with SIGKILL in the middle of delivering to 200 chats, then started
 * again on the same data, delivers every remaining alert. A chat may see its alert twice only if
 * that message was in flight at the kill: its send had started and its confirmation was not yet
 * saved. Delivery keeps at most one send in flight per chat and 10 per platform, so at most 10
 * chats can see a repeat, each at most once, and only of a message that arrived before the kill.
 */
import { afterAll, describe, expect, it } from "vitest";
import { telegramRates } from "../../src/adapters/telegram/addressing.js";
import { startBot, type BotProcess } from "./bot-process.js";
import { E2E_STORES } from "./stores.js";
import { deliveryWorld, privateChats, startAndPublish, stop, type DeliveryWorld } from "./telegram-delivery.js";

for (const kind of E2E_STORES)
  describe.skipIf(!kind.available)(`delivery killed mid-way and restarted (${kind.name})`, () => {
    let world: DeliveryWorld | undefined;
    const bots: BotProcess[] = [];
    afterAll(async () => {
      for (const bot of bots) await stop(bot);
      await world?.close();
    });

    it("delivers every remaining alert, repeating at most the messages in flight at the kill", async () => {
      const chats = privateChats(200);
      const w = (world = await deliveryWorld(kind, chats));
      const first = await startAndPublish(w);
      bots.push(first);
      await w.api.waitFor("delivery well under way", () => w.api.messages().length >= 60, 60_000);
      first.child.kill("SIGKILL");
      await first.exited;
      const deliveredBeforeKill = new Set(w.api.messages().map((m) => m.chat.id));
      expect(deliveredBeforeKill.size).toBeLessThan(chats.length);

      const second = startBot(w.env);
      bots.push(second);
      await w.api.waitFor("an alert in every chat", () => chats.every((id) => w.alertsTo(id) >= 1), 60_000);
      // Once the bot reports an empty outbox, nothing more will go out: every repeat has arrived.
      const reportsBefore = second.logs().length;
      await second.waitFor(
        "an empty outbox",
        () =>
          second
            .logs()
            .slice(reportsBefore)
            .some((l) => l.msg === "delivery since the previous cycle" && l.queued === 0),
        // The report comes after a cycle, which on PostgreSQL only the copy holding the scraper lock
        // runs: after a kill -9 the restarted bot takes the lock first, which can take a while.
        90_000,
      );

      const repeated = chats.filter((id) => w.alertsTo(id) > 1);
      expect(chats.filter((id) => w.alertsTo(id) > 2)).toEqual([]);
      expect(repeated.length).toBeLessThanOrEqual(telegramRates.concurrency);
      expect(repeated.filter((id) => !deliveredBeforeKill.has(id))).toEqual([]);
      expect(w.api.tooManyRequests()).toBe(0);
      await stop(second);
    }, 240_000);
  });
