/** Small helpers every bench shares: wall time, and heap size after a full garbage collection. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// `npm run bench` runs plain tsx, without --expose-gc: turn it on from here, then fetch gc().
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap in use after collecting garbage, in bytes. */
export function settledHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export function timed<T>(work: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = work();
  return { result, ms: performance.now() - start };
}

export const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** A small fast deterministic generator (mulberry32), so every run measures the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
