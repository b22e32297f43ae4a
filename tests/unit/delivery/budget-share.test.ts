import { describe, expect, it } from "vitest";
import { telegramRates } from "../../../src/adapters/telegram/addressing.js";
import { rateLimiter } from "../../../src/delivery/limiter.js";
import { manualTime } from "../../fakes/manual-time.js";

/** Sends each copy starts in the first second, to its own chats, as fast as its limiter allows. */
function firstSecond(copies: number): number[] {
  const time = manualTime();
  return Array.from({ length: copies }, (_, copy) => {
    const limiter = rateLimiter(telegramRates, { clock: time, timers: time, share: () => 1 / copies });
    let started = 0;
    for (let chat = 0; chat < 100; chat++) {
      if (limiter.overallWait(0) > 0) break;
      limiter.begin(`telegram:${copy * 1_000 + chat}`, 0).answered(0);
      started += 1;
    }
    return started;
  });
}

describe("copies sharing one platform budget", () => {
  it("three copies together start no more than the platform's 30 sends in a second", () => {
    expect(firstSecond(3)).toEqual([10, 10, 10]);
  });

  it("one copy alone uses the whole budget", () => {
    expect(firstSecond(1)).toEqual([30]);
  });

  it("a copy whose share is not known yet sends nothing", () => {
    const time = manualTime();
    const limiter = rateLimiter(telegramRates, { clock: time, timers: time, share: () => 0 });
    expect(limiter.overallWait(0)).toBeGreaterThan(0);
  });
});
