/** The delivery engine over a memory store, a scripted platform and time that moves when told. */
import type { ChatId } from "../../../src/core/chat.js";
import { telegramRates } from "../../../src/adapters/telegram/addressing.js";
import { chatEvents, followMoves } from "../../../src/delivery/chat-events.js";
import { deliveryEngine, type DeliveryDeps } from "../../../src/delivery/dispatcher.js";
import { rateLimiter, type RatePolicy } from "../../../src/delivery/limiter.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { manualTime, type ManualTime } from "../../fakes/manual-time.js";
import { queueAlerts } from "../../fakes/queue-alerts.js";
import { recordingLogger } from "../../fakes/recording-logger.js";
import { scriptedTransport } from "../../fakes/scripted-transport.js";

export const ALICE = "telegram:1";
export const BOB = "telegram:2";
export const GROUP = "telegram:-100500";

/** Private chats telegram:1, telegram:2, … */
export const chats = (count: number, first = 1): ChatId[] =>
  Array.from({ length: count }, (_, i) => `telegram:${first + i}`);

/** Telegram's budget on manual time, as src/platforms.ts gives it to delivery. */
export const telegramLimiters = (time: ManualTime, rates: RatePolicy = telegramRates) =>
  new Map([["telegram", rateLimiter(rates, { clock: time, timers: time })]]);

export function harness(options: Partial<DeliveryDeps> = {}) {
  const store = memoryStore();
  const time = manualTime();
  const start = time.now();
  const transport = scriptedTransport(time);
  const log = recordingLogger();
  // Moves reported by the platform go through the neutral chat events, as the adapters wire them.
  const wake = { engine: async () => {} };
  const events = chatEvents({ store, log, wake: () => wake.engine() });
  const engine = deliveryEngine({
    store,
    transports: [followMoves(transport, events)],
    limiters: telegramLimiters(time),
    clock: time,
    timers: time,
    log,
    random: () => 0.5,
    ...options,
  });
  wake.engine = engine.wake;
  return {
    store,
    time,
    transport,
    log,
    engine,
    /** Queues `count` alerts for each chat, each its own outbox entry; returns the job ids. */
    queue: (to: ChatId | readonly ChatId[], count = 1) =>
      queueAlerts(store, time.now(), typeof to === "string" ? [to] : to, count),
    /** When a chat's messages arrived, in ms since the test started. */
    times: (chat: ChatId) => transport.receivedBy(chat).map((r) => r.at - start),
    /** Starts delivery and lets time run until nothing is left to wait for. */
    async runAll() {
      await engine.start();
      await time.runAll();
    },
  };
}
