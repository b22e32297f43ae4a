/**
 * A clock and timers that move only when a test moves them. Moving time fires the timers that
 * come due, in order, each at its own instant, and lets the work they start settle before the
 * next one: delivery can be run through minutes of rate limits and retries in milliseconds.
 */
import type { Clock } from "../../src/core/clock.js";
import type { Timers } from "../../src/delivery/timers.js";
import { T0 } from "./builders.js";

export interface ManualTime extends Clock, Timers {
  /** Moves time forward by `ms`, firing every timer due on the way. */
  advance(ms: number): Promise<void>;
  /** Fires timers one after the other until none is left, or until `limitMs` from now. */
  runAll(limitMs?: number): Promise<void>;
  /** Lets work in progress settle (promises, not timers). */
  settle(): Promise<void>;
  /** How many timers are waiting. */
  pending(): number;
}

interface Timer {
  at: number;
  order: number;
  callback: () => void;
}

// Fakes of stores and transports resolve in microtasks; a macrotask turn lets all of them run.
const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

export function manualTime(start = T0): ManualTime {
  let now = start;
  let order = 0;
  const timers = new Set<Timer>();

  const earliest = (): Timer | undefined => {
    let first: Timer | undefined;
    for (const timer of timers)
      if (!first || timer.at < first.at || (timer.at === first.at && timer.order < first.order)) first = timer;
    return first;
  };

  async function runUntil(target: number): Promise<void> {
    await settle();
    for (let timer = earliest(); timer && timer.at <= target; timer = earliest()) {
      timers.delete(timer);
      now = Math.max(now, timer.at);
      timer.callback();
      await settle();
    }
    now = Math.max(now, target);
  }

  return {
    now: () => now,
    after(ms, callback) {
      const timer = { at: now + Math.max(0, ms), order: order++, callback };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
    advance: (ms) => runUntil(now + ms),
    async runAll(limitMs = 24 * 3_600_000) {
      const limit = now + limitMs;
      await settle();
      for (let timer = earliest(); timer && timer.at <= limit; timer = earliest()) await runUntil(timer.at);
    },
    settle,
    pending: () => timers.size,
  };
}
