/**
 * docs/ARCHITECTURE.md "Delivery's guarantees": delivery must be safe to kill at any instant. A run is killed at a random point (a
 * store call or a send, the message reaching its chat or not), then a new run starts on what the
 * store holds. Every alert must arrive, and no chat may see an alert twice except the one
 * message that was in flight for it when the process died.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChatId } from "../../../src/core/chat.js";
import { silentLogger } from "../../../src/core/logger.js";
import { deliveryEngine } from "../../../src/delivery/dispatcher.js";
import { telegramRates } from "../../../src/adapters/telegram/addressing.js";
import { DeliveryError, type ChatTransport } from "../../../src/delivery/transport.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import type { Store } from "../../../src/store/store.js";
import { manualTime } from "../../fakes/manual-time.js";
import { telegramLimiters } from "./harness.js";
import { queueAlerts } from "../../fakes/queue-alerts.js";
import { scriptedTransport, type Received } from "../../fakes/scripted-transport.js";

const CHATS = ["telegram:1", "telegram:2", "telegram:3", "telegram:-100", "telegram:-200", "telegram:6"];
const never = new Promise<never>(() => {});

/** Counts what a process does; at the chosen step it dies, and does nothing more, ever. */
function mortality(deathAt: number, reachesChat: boolean) {
  let steps = 0;
  let dead = false;
  return {
    get dead() {
      return dead;
    },
    /** A store whose calls from the moment of death on never happen. */
    store(store: Store): Store {
      return new Proxy(store, {
        get(target, key) {
          const value = Reflect.get(target, key) as unknown;
          if (typeof value !== "function") return value;
          return (...args: unknown[]) => {
            if (dead || ++steps >= deathAt) {
              dead = true;
              return never;
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
    /** A transport that sends nothing once dead; the send it dies in reaches its chat or not. */
    transport(inner: ChatTransport): ChatTransport {
      return {
        platform: inner.platform,
        send(alert, options) {
          if (dead) return never;
          if (++steps >= deathAt) {
            dead = true;
            if (reachesChat) inner.send(alert, options).catch(() => {});
            return never;
          }
          return inner.send(alert, options);
        },
      };
    },
  };
}

const failure = fc.constantFrom(
  new DeliveryError("502 Bad Gateway", "transient"),
  new DeliveryError("429", "rate-limited", 1_500),
  "no-answer" as const,
);

const scenario = fc.record({
  alerts: fc.array(fc.integer({ min: 1, max: 14 }), { minLength: CHATS.length, maxLength: CHATS.length }),
  failures: fc.array(fc.array(failure, { maxLength: 3 }), { minLength: CHATS.length, maxLength: CHATS.length }),
  deathAt: fc.integer({ min: 1, max: 120 }),
  reachesChat: fc.boolean(),
});

const jobsOf = (received: readonly Received[], chat: ChatId) =>
  received.filter((r) => r.chat === chat).flatMap((r) => r.jobIds);

describe("delivery killed at any instant and restarted", () => {
  it("delivers every alert, repeating at most the one message in flight per chat", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ alerts, failures, deathAt, reachesChat }) => {
        const store = memoryStore();
        const firstTime = manualTime();
        const expected = new Map<ChatId, string[]>();
        for (const [i, chat] of CHATS.entries())
          expected.set(chat, await queueAlerts(store, firstTime.now(), [chat], alerts[i]));

        const firstPlatform = scriptedTransport(firstTime);
        CHATS.forEach((chat, i) => firstPlatform.answer(chat, ...(failures[i] ?? [])));
        const life = mortality(deathAt, reachesChat);
        const first = deliveryEngine({
          store: life.store(store),
          transports: [life.transport(firstPlatform)],
          limiters: telegramLimiters(firstTime),
          clock: firstTime,
          timers: firstTime,
          log: silentLogger,
          random: () => 0.5,
          sendTimeoutMs: 5_000,
        });
        void first.start();
        await firstTime.runAll(10 * 60_000);

        // The restart: a new process on what the store holds, and a platform that answers well.
        const secondTime = manualTime(firstTime.now());
        const secondPlatform = scriptedTransport(secondTime);
        const second = deliveryEngine({
          store,
          transports: [secondPlatform],
          limiters: telegramLimiters(secondTime),
          clock: secondTime,
          timers: secondTime,
          log: silentLogger,
          random: () => 0.5,
        });
        await second.start();
        await secondTime.runAll();

        expect(await store.pendingAlerts()).toEqual([]);
        let chatsWithRepeats = 0;
        for (const chat of CHATS) {
          const before = jobsOf(firstPlatform.received, chat);
          const after = jobsOf(secondPlatform.received, chat);
          expect(new Set([...before, ...after])).toEqual(new Set(expected.get(chat)));
          // Within one run nothing repeats; across the kill, only what one message of the first run carried.
          expect(new Set(before).size).toBe(before.length);
          expect(new Set(after).size).toBe(after.length);
          const repeated = after.filter((id) => before.includes(id));
          if (repeated.length === 0) continue;
          chatsWithRepeats += 1;
          const inFlight = firstPlatform
            .receivedBy(chat)
            .filter((message) => message.jobIds.some((id) => repeated.includes(id)));
          expect(inFlight).toHaveLength(1);
          expect(inFlight[0]?.jobIds).toEqual(expect.arrayContaining(repeated));
        }
        expect(chatsWithRepeats).toBeLessThanOrEqual(telegramRates.concurrency);
        if (!life.dead) expect(secondPlatform.received).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
