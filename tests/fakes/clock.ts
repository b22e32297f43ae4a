import type { Clock } from "../../src/core/clock.js";
import { T0 } from "./builders.js";

/** A clock that stands still until a test moves it. */
export function fixedClock(start = T0): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
  };
}
