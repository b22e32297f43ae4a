import { describe, expect, it } from "vitest";
import { HOUR, MINUTE } from "../../../src/core/clock.js";
import {
  BACKOFF_CAP_MS,
  backoffDelay,
  isDue,
  nextFetchAfterFailure,
  nextFetchAfterSuccess,
} from "../../../src/core/fetch-schedule.js";
import { initialSourceState } from "../../../src/core/source-state.js";
import { T0 } from "../../fakes/builders.js";

const low = () => 0;
const high = () => 0.999_999;

describe("backoffDelay", () => {
  it.each([
    [1, MINUTE],
    [2, 2 * MINUTE],
    [3, 4 * MINUTE],
    [6, 32 * MINUTE],
    [9, 256 * MINUTE],
    [10, BACKOFF_CAP_MS],
    [40, BACKOFF_CAP_MS],
  ])("doubles from one minute up to 6 h: failure %i waits between half and all of %i ms", (failures, full) => {
    expect(backoffDelay(failures, low)).toBe(full / 2);
    expect(backoffDelay(failures, high)).toBeCloseTo(full, -2);
    expect(backoffDelay(failures, high)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
  });
});

describe("nextFetchAfterFailure", () => {
  const floorless = { minIntervalMs: 0 };

  it("waits the backoff", () => {
    expect(nextFetchAfterFailure(floorless, { failures: 3, now: T0, random: low })).toBe(T0 + 2 * MINUTE);
  });

  it("never retries sooner than the politeness floor", () => {
    expect(nextFetchAfterFailure({ minIntervalMs: 6 * HOUR }, { failures: 1, now: T0, random: high })).toBe(
      T0 + 6 * HOUR,
    );
  });

  it("honours a longer Retry-After, but not beyond a day", () => {
    expect(nextFetchAfterFailure(floorless, { failures: 1, now: T0, retryAfterMs: 2 * HOUR, random: low })).toBe(
      T0 + 2 * HOUR,
    );
    expect(nextFetchAfterFailure(floorless, { failures: 1, now: T0, retryAfterMs: 400 * HOUR, random: low })).toBe(
      T0 + 24 * HOUR,
    );
  });
});

describe("isDue", () => {
  const state = (nextFetchAt?: number) => ({
    ...initialSourceState("s"),
    ...(nextFetchAt !== undefined && { nextFetchAt }),
  });

  it("is due when never fetched, or once nextFetchAt has come", () => {
    expect(isDue({ minIntervalMs: HOUR }, undefined, T0)).toBe(true);
    expect(isDue({ minIntervalMs: HOUR }, state(), T0)).toBe(true);
    expect(isDue({ minIntervalMs: 0 }, state(T0 + 1), T0)).toBe(false);
    expect(isDue({ minIntervalMs: 0 }, state(T0), T0)).toBe(true);
  });

  it("allows a tick that lands a few seconds early, never minutes early", () => {
    const floor = { minIntervalMs: 5 * MINUTE };
    const next = nextFetchAfterSuccess(floor, T0) as number;
    expect(isDue(floor, state(next), T0 + 5 * MINUTE - 2_000)).toBe(true);
    expect(isDue(floor, state(next), T0 + 4 * MINUTE)).toBe(false);
    const remotive = { minIntervalMs: 6 * HOUR };
    expect(isDue(remotive, state(T0 + 6 * HOUR), T0 + 6 * HOUR - 2 * MINUTE)).toBe(false);
  });

  it("sets no next time after a success when there is no floor", () => {
    expect(nextFetchAfterSuccess({ minIntervalMs: 0 }, T0)).toBeUndefined();
  });
});
