/**
 * Numbers stored jobs' words on a worker thread, for search.ts prepareDocuments (issue 16): a start
 * with 50,000 stored jobs spent 10 to 14 seconds of the main thread finding them, beside the first
 * cycle; the worker does it on the other core. The main thread copies each batch of jobs to the
 * worker and adds the numbers it gets back to the index: some 20 ms of CPU per thousand jobs,
 * against 250 ms to find their words itself (`npm run bench -- latest`).
 */
import { Worker } from "node:worker_threads";
import type { Job } from "./core/job.js";
import type { Logger } from "./core/logger.js";
import type { NumberedWords, NumberWordsElsewhere } from "./core/query/word-numbering.js";
import { jobsMessage } from "./word-numbering-message.js";

/** Jobs per message: each costs the main thread a few milliseconds to copy and to take back. */
const BATCH = 250;
/** Batches sent ahead of the answers, so the worker never waits for the main thread. */
const AHEAD = 3;

/**
 * The worker's heap, bounded: unbounded, it grew to 90 MB at 50,000 jobs, 40 MB more than this
 * allows, in no less time. A vocabulary of 200,000 words takes some 15 MB of it.
 */
const HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32 };

/**
 * The bot runs TypeScript through tsx, whose loader does not reach a worker's own script: the
 * worker loads tsx's API and, through it, the thread's module (so it does under vitest too).
 */
function boot(thread: string): string {
  const load = (module: string) => JSON.stringify(module);
  return `import(${load(import.meta.resolve("tsx/esm/api"))}).then(({ tsImport }) => tsImport(${load(thread)}, ${load(thread)}));`;
}

/**
 * Numbers the jobs' words in a worker thread that ends when they are done or on the first failure,
 * logged. `thread` is the worker's module (a test names one that fails).
 */
export function numberWordsInWorker(
  log: Logger,
  thread = new URL("./word-numbering-thread.ts", import.meta.url).href,
): NumberWordsElsewhere {
  return (jobs, take) => {
    const batches: Job[][] = [];
    for (let start = 0; start < jobs.length; start += BATCH) batches.push(jobs.slice(start, start + BATCH));
    let sent = 0;
    let taken = 0;
    let numbered = 0;
    let worker: Worker | undefined;
    let settle!: { resolve: () => void; reject: (error: Error) => void };
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const failed = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
    const finish = (error?: unknown) => {
      if (!worker) return;
      void worker.terminate();
      worker = undefined;
      if (error === undefined) return settle.resolve();
      log.warn({ error, numbered, of: jobs.length }, "numbering stored jobs' words in a worker failed");
      settle.reject(failed(error));
    };
    try {
      worker = new Worker(boot(thread), { eval: true, resourceLimits: HEAP });
    } catch (error) {
      log.warn({ error }, "numbering stored jobs' words in a worker failed");
      settle.reject(failed(error));
      return { done, takeBack: () => undefined };
    }
    // A worker still numbering never keeps the bot from exiting.
    worker.unref();
    const send = () => {
      if (!worker || sent >= batches.length) return;
      const { message, transfer } = jobsMessage(batches[sent++] as Job[]);
      worker.postMessage(message, transfer);
    };
    worker.on("message", (words: NumberedWords) => {
      if (!worker) return;
      const batch = batches[taken++] as Job[];
      try {
        take(batch, words);
      } catch (error) {
        return finish(error);
      }
      numbered += batch.length;
      if (taken === batches.length) return finish();
      send();
    });
    worker.once("error", finish);
    worker.once("exit", (code) => finish(new Error(`the worker exited (code ${code}) before it was done`)));
    for (let i = 0; i < AHEAD; i++) send();
    return {
      done,
      takeBack() {
        // Only a batch never sent: the worker may be numbering the others.
        if (!worker || sent >= batches.length) return undefined;
        const batch = batches.pop();
        if (taken === batches.length) finish();
        return batch;
      },
    };
  };
}
