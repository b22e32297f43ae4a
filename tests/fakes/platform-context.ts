/**
 * A PlatformContext for starting one adapter in a test: the neutral chat events over the test's
 * store, and a budget with the plug-in's rate policy on real time (or the time given).
 */
import type { SharedContext } from "../../commands/command.js";
import type { PlatformContext } from "../../src/adapters/platform.js";
import { systemClock, type Clock } from "../../src/core/clock.js";
import { chatEvents } from "../../src/delivery/chat-events.js";
import { rateLimiter, unlimited, type RateLimiter, type RatePolicy } from "../../src/delivery/limiter.js";
import { systemTimers, type Timers } from "../../src/delivery/timers.js";

export interface TestPlatformContext extends PlatformContext {
  budget: RateLimiter;
}

export function platformContext(
  commands: SharedContext,
  {
    rates = unlimited(10),
    clock = systemClock,
    timers = systemTimers,
    wake = async () => {},
    dataDir = ".",
  }: { rates?: RatePolicy; clock?: Clock; timers?: Timers; wake?: () => Promise<void>; dataDir?: string } = {},
): TestPlatformContext {
  return {
    commands,
    log: commands.log,
    budget: rateLimiter(rates, { clock, timers }),
    clock,
    timers,
    events: chatEvents({ store: commands.store, log: commands.log, wake }),
    dataDir,
  };
}
