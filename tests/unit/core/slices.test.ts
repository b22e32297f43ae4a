import { describe, expect, it } from "vitest";
import { timeSlices } from "../../../src/core/slices.js";

/** A clock that moves only when told, counting how often it is read. */
function steppedClock() {
  let time = 0;
  let reads = 0;
  return {
    now: () => {
      reads += 1;
      return time;
    },
    advance: (ms: number) => (time += ms),
    reads: () => reads,
  };
}

describe("time slices", () => {
  it("are due once the budget is spent by slow steps, checked at every step", () => {
    const clock = steppedClock();
    const slices = timeSlices(clock.now, 15);
    const dueAt: number[] = [];
    for (let step = 1; step <= 20; step += 1) {
      clock.advance(2);
      if (slices.due()) dueAt.push(step);
    }
    expect(dueAt[0]).toBe(8);
    expect(clock.reads()).toBe(21);
  });

  it("read the clock only every few steps while steps take microseconds, and are still due in time", () => {
    const clock = steppedClock();
    const slices = timeSlices(clock.now, 15);
    let steps = 0;
    // A thousand steps a millisecond: the slice must end within a stride (8 steps) of 15 ms.
    while (!slices.due()) {
      steps += 1;
      if (steps % 1000 === 0) clock.advance(1);
    }
    expect(steps).toBeGreaterThanOrEqual(15_000);
    expect(steps).toBeLessThanOrEqual(15_008);
    expect(clock.reads()).toBeLessThan(steps / 5);
  });

  it("start a fresh slice, checked at its first step, after a pause", async () => {
    const clock = steppedClock();
    const slices = timeSlices(clock.now, 15);
    for (let i = 0; i < 100; i += 1) slices.due();
    clock.advance(20);
    await slices.pause();
    clock.advance(20);
    expect(slices.due()).toBe(true);
  });
});
