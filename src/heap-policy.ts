/**
 * How far V8 lets the heap grow past what its last full collection kept before it collects again:
 * by half. Left to itself V8 picks a factor between 1.1 and 4 from how fast it collects, and at a
 * million subscriptions (some 400 MB live) it let garbage take the heap to 600 to 750 MB: the bot
 * at 853 to 1,054 MB resident, depending on when the last collection fell. With the factor fixed at
 * 1.5 the process has stayed at 795 to 864 MB in every run since (`npm run bench -- scale`, issue
 * 16: under 1 GB), for more full collections, each marked mostly beside the program: 1 to 2.5 s more
 * of a start at a million. A small bot's heap stays small either way.
 */
import { setFlagsFromString } from "node:v8";

const HEAP_GROWING_PERCENT = 50;

/** Read by V8 each time it sets the next limit, so it holds from the next collection on. */
export function applyHeapPolicy(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
