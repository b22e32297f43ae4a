import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChatId } from "../../../src/core/chat.js";
import { silentLogger } from "../../../src/core/logger.js";
import { chatQueue } from "../../../src/delivery/chat-queue.js";
import { telegramRates } from "../../../src/adapters/telegram/addressing.js";
import { rateLimiter, type WindowLimit } from "../../../src/delivery/limiter.js";
import { manualTime } from "../../fakes/manual-time.js";

const telegram = telegramRates;
const PRIVATE = "telegram:42";
const GROUP = "telegram:-1001";

/** Starts sends to `chat` one after the other, each answered at once, as fast as the limiter allows; returns their start times. */
function sendAsFastAsAllowed(chat: ChatId, count: number, start = 0): number[] {
  const limiter = rateLimiter(telegram);
  const times: number[] = [];
  let now = start;
  while (times.length < count) {
    const wait = Math.max(limiter.overallWait(now), limiter.chatWait(chat, now));
    now += wait;
    limiter.begin(chat, now).answered(now);
    times.push(now);
  }
  return times;
}

/** The most events any window of the limit's length holds (a window counts `at` in (t - W, t]). */
function busiestWindow(times: readonly number[], { windowMs }: WindowLimit): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let last = 0, first = 0; last < sorted.length; last++) {
    while ((sorted[first] as number) <= (sorted[last] as number) - windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe("the Telegram limiter", () => {
  it("lets 30 sends start at once, and the 31st only once the first answer is 1 s old", () => {
    const limiter = rateLimiter(telegram);
    for (let i = 0; i < 30; i++) {
      expect(limiter.overallWait(0)).toBe(0);
      limiter.begin(`telegram:${i + 1}`, 0).answered(10);
    }
    expect(limiter.overallWait(0)).toBe(1_010);
    expect(limiter.overallWait(1_009)).toBe(1);
    expect(limiter.overallWait(1_010)).toBe(0);
  });

  it("counts a send from the moment it starts: 30 unanswered sends hold back the 31st until one is answered", () => {
    const limiter = rateLimiter(telegram);
    const permits = Array.from({ length: 30 }, (_, i) => limiter.begin(`telegram:${i + 1}`, 0));
    expect(limiter.overallWait(5_000)).toBe(Infinity);
    permits[0]?.answered(5_000);
    expect(limiter.overallWait(5_000)).toBe(1_000);
    permits[1]?.cancel();
    expect(limiter.overallWait(5_000)).toBe(0);
  });

  it("lets a private chat have a burst of three, then one message per second on average", () => {
    expect(sendAsFastAsAllowed(PRIVATE, 7)).toEqual([0, 0, 0, 3_000, 3_000, 3_000, 6_000]);
  });

  it("holds a group to 20 messages in any minute, and to the per-chat pace within it", () => {
    const times = sendAsFastAsAllowed(GROUP, 24);
    expect(times.slice(0, 6)).toEqual([0, 0, 0, 3_000, 3_000, 3_000]);
    expect(busiestWindow(times, { max: 20, windowMs: 60_000 })).toBe(20);
    expect(times[20]).toBe(60_000);
  });

  it("keeps one chat's limits to that chat", () => {
    const limiter = rateLimiter(telegram);
    for (let i = 0; i < 3; i++) limiter.begin(PRIVATE, 0).answered(0);
    expect(limiter.chatWait(PRIVATE, 0)).toBe(3_000);
    expect(limiter.chatWait("telegram:43", 0)).toBe(0);
    expect(limiter.overallWait(0)).toBe(0);
  });

  it("waits out a 429's retry_after for that chat only", () => {
    const limiter = rateLimiter(telegram);
    limiter.hold(PRIVATE, 7_000, "chat", 0);
    expect(limiter.chatWait(PRIVATE, 2_000)).toBe(5_000);
    expect(limiter.chatWait("telegram:43", 2_000)).toBe(0);
    expect(limiter.overallWait(2_000)).toBe(0);
  });

  it("holds every chat when the answer says the limit was the platform's", () => {
    const limiter = rateLimiter(telegram);
    limiter.hold(PRIVATE, 7_000, "platform", 0);
    expect(limiter.overallWait(2_000)).toBe(5_000);
    expect(limiter.overallWait(7_000)).toBe(0);
  });

  it("holds every chat when two chats are rate limited at once, whatever the answers say", () => {
    const limiter = rateLimiter(telegram);
    limiter.hold(PRIVATE, 5_000, "chat", 0);
    expect(limiter.overallWait(100)).toBe(0);
    limiter.hold("telegram:43", 6_000, "chat", 100);
    expect(limiter.overallWait(100)).toBe(5_900);
  });

  it("does not escalate a second 429 once the first chat's hold is over", () => {
    const limiter = rateLimiter(telegram);
    limiter.hold(PRIVATE, 5_000, "chat", 0);
    limiter.hold("telegram:43", 9_000, "chat", 5_000);
    expect(limiter.overallWait(5_000)).toBe(0);
  });

  it("still holds a chat back after sweeping thousands of idle chats from memory", () => {
    const limiter = rateLimiter(telegram);
    const busy = "telegram:999999";
    for (let i = 0; i < 3; i++) limiter.begin(busy, 0).answered(0);
    // Enough chats to make the limiter sweep the ones no window remembers any more.
    for (let i = 0; i < 3_000; i++) limiter.begin(`telegram:${i + 1}`, i % 2_000).answered(i % 2_000);
    expect(limiter.chatWait(busy, 2_000)).toBe(1_000);
  });
});

describe("the limiter against a platform that counts each message when it arrives", () => {
  // Enough private chats to reach the overall limit, and groups sending past their minute.
  const PRIVATE_CHATS = Array.from({ length: 40 }, (_, i) => `telegram:${i + 1}`);
  const GROUPS = ["telegram:-100", "telegram:-200"];
  const messagesFor = (chat: ChatId) => (GROUPS.includes(chat) ? 22 : 4);
  const CHATS = [...GROUPS, ...PRIVATE_CHATS];
  const TOTAL = CHATS.reduce((n, chat) => n + messagesFor(chat), 0);
  const latency = fc.record({ toPlatform: fc.integer({ min: 0, max: 400 }), back: fc.integer({ min: 0, max: 400 }) });

  it("never lets the platform see more than its limits, whatever the network delays", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(latency, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        async (latencies, concurrency) => {
          const time = manualTime(0);
          const limiter = rateLimiter(telegram);
          const arrivals = new Map<ChatId, number[]>(CHATS.map((chat) => [chat, []]));
          const left = new Map<ChatId, number>(CHATS.map((chat) => [chat, messagesFor(chat)]));
          let sent = 0;
          const queue = chatQueue({
            limiter,
            concurrency,
            clock: time,
            timers: time,
            log: silentLogger,
            async serve(chat, permit) {
              const { toPlatform, back } = latencies[sent++ % latencies.length] as { toPlatform: number; back: number };
              arrivals.get(chat)?.push(time.now() + toPlatform);
              await new Promise<void>((resolve) => time.after(toPlatform + back, resolve));
              permit.answered(time.now());
              const remaining = (left.get(chat) ?? 0) - 1;
              left.set(chat, remaining);
              return remaining > 0 ? time.now() : undefined;
            },
          });
          for (const chat of CHATS) queue.add(chat, 0);
          await time.runAll();

          const all = [...arrivals.values()].flat();
          expect(all).toHaveLength(TOTAL);
          expect(busiestWindow(all, { max: 30, windowMs: 1_000 })).toBeLessThanOrEqual(30);
          for (const [chat, times] of arrivals) {
            for (const limit of telegram.perChat(chat))
              expect(busiestWindow(times, limit)).toBeLessThanOrEqual(limit.max);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("replies and alerts sharing one budget", () => {
  it("keeps alerts back while a reply is ready to go, so the reply takes the free place", async () => {
    const time = manualTime();
    const limiter = rateLimiter(
      { overall: [{ max: 1, windowMs: 1_000 }], perChat: () => [], concurrency: 10 },
      { clock: time, timers: time },
    );
    const inFlight = limiter.begin("telegram:1", time.now());
    const start = time.now();
    let repliedAfter: number | undefined;
    void limiter.acquire("telegram:2", "reply").then(() => void (repliedAfter = time.now() - start));
    await time.settle();
    await time.advance(10);
    // The send in flight never went out: the platform has room, and the waiting reply gets it.
    inFlight.cancel();
    expect(limiter.overallWait(time.now(), "reply")).toBe(0);
    expect(limiter.overallWait(time.now(), "alert")).toBeGreaterThan(0);
    await time.runAll();
    expect(repliedAfter).toBeDefined();
    expect(limiter.overallWait(time.now(), "alert")).toBe(Infinity);
  });

  it("holds a reply while its chat is held after a 429, without holding other chats' alerts", async () => {
    const time = manualTime();
    const limiter = rateLimiter(telegram, { clock: time, timers: time });
    limiter.hold("telegram:3", time.now() + 2_000, "chat", time.now());
    let replied: number | undefined;
    const start = time.now();
    void limiter.acquire("telegram:3", "reply").then(() => void (replied = time.now() - start));
    await time.settle();
    expect(limiter.overallWait(time.now(), "alert")).toBe(0);
    await time.advance(2_000);
    expect(replied).toBe(2_000);
  });
});
