/**
 * Long work in slices: building the subscription index of a million subscriptions, matching a
 * cycle's new jobs, deciding its alerts. Each takes seconds in all; run in one go, it would hold
 * the event loop, and every command waiting on it, for as long. A loop asks `due()` between steps
 * and, when the slice has run its budget, awaits `pause()`, which lets timers, I/O and commands in.
 */
export interface Slices {
  /** Whether the current slice has used its budget. */
  due(): boolean;
  /** Yields to the event loop, then starts a new slice. */
  pause(): Promise<void>;
}

/** Steps between reads of the clock at most, while steps take less than a millisecond. */
const MAX_STRIDE = 8;

/**
 * Slices of `budgetMs` by `now` (the cycle's clock: core reads no time of its own), far below the
 * 100 ms a command may wait behind one (issue 16). The clock is read every step while steps are
 * slow, and every few (up to MAX_STRIDE) while they take microseconds: indexing a million
 * subscriptions at a start asked the clock a million times, a quarter of a second of reads. The
 * price: slow steps right after fast ones can run a slice past its budget by up to seven of them.
 */
export function timeSlices(now: () => number, budgetMs = 15): Slices {
  let start = now();
  let last = start;
  let stride = 1;
  let left = 1;
  return {
    due() {
      if (--left > 0) return false;
      const time = now();
      stride = time - last < 1 ? Math.min(stride * 2, MAX_STRIDE) : 1;
      left = stride;
      last = time;
      return time - start >= budgetMs;
    },
    async pause() {
      // setImmediate, not a resolved promise: microtasks would run before any I/O could.
      await new Promise<void>((resolve) => setImmediate(resolve));
      start = last = now();
      stride = left = 1;
    },
  };
}

/**
 * `slices` that end the work at a pause once `signal` is aborted (the bot is shutting down),
 * rejecting with the signal's reason. For work that leaves nothing behind when dropped midway.
 */
export function stoppedBy(slices: Slices, signal: AbortSignal | undefined): Slices {
  if (!signal) return slices;
  return {
    due: () => slices.due(),
    async pause() {
      await slices.pause();
      signal.throwIfAborted();
    },
  };
}

/** No slicing: the work runs in one go (tests, and benches that time the work alone). */
export const unsliced: Slices = { due: () => false, pause: async () => {} };
