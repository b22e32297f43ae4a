/**
 * Waking up later, passed in like the clock, so tests can run delivery on a manual clock: a
 * fake that fires its timers when the test moves time forward (tests/fakes/manual-time.ts).
 */
export interface Timers {
  /** Runs `callback` in `ms`; returns a function that cancels it. */
  after(ms: number, callback: () => void): () => void;
}

export const systemTimers: Timers = {
  after(ms, callback) {
    const timer = setTimeout(callback, ms);
    // Delivery waiting for its next send must not keep a process alive that is otherwise done.
    timer.unref();
    return () => clearTimeout(timer);
  },
};
