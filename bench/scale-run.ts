/**
 * One side of the scale bench, in a process of its own so that its memory is the store's and not
 * the generator's: `tsx bench/scale-run.ts <files|postgres> <data dir | database URL> <new jobs>`.
 * Opens the store and runs a first cycle (one new job: what makes the bot ready to alert) while
 * the stored jobs' documents are prepared for commands, then
 * the measured cycle bringing <new jobs> while commands run beside it, one after another with 20 ms
 * between them. Prints
 * one JSON object.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { defaultSettings, type SharedContext } from "../commands/command.js";
import { findCommand } from "../commands/index.js";
import { runCommand } from "../commands/run.js";
import { alertCycle } from "../src/core/alert-cycle.js";
import { systemClock } from "../src/core/clock.js";
import type { JobDraft } from "../src/core/job.js";
import { silentLogger } from "../src/core/logger.js";
import { indexedMatcher } from "../src/core/query/indexed-matcher.js";
import { prepareDocuments } from "../src/core/query/search.js";
import { applyHeapPolicy } from "../src/heap-policy.js";
import type { JobSource } from "../src/core/source.js";
import { openFilesStore } from "../src/store/files-store.js";
import { openPostgresStore } from "../src/store/postgres/postgres-store.js";
import { numberWordsInWorker } from "../src/word-numbering-worker.js";
import type { CycleCommit, Store } from "../src/store/store.js";
import { newPostings, SOURCE_ID } from "./scale-data.js";

const [kind, location, newJobs] = process.argv.slice(2) as [string, string, string];
const COMMAND_EVERY_MS = 20;

/** Matches queued by the cycles' commits (an alert names one or more jobs, each with its matches). */
let matchesQueued = 0;

/** The store, timing every call: which store step a cycle spends its time in. */
function timedStore(store: Store, spent: Map<string, number>): Store {
  return new Proxy(store, {
    get(target, name: string) {
      const method = Reflect.get(target, name) as unknown;
      if (typeof method !== "function") return method;
      return async (...args: unknown[]) => {
        if (name === "commitCycle")
          for (const entry of (args[0] as CycleCommit).outbox)
            for (const item of entry.items) matchesQueued += item.matches.length;
        const start = performance.now();
        try {
          return await (method as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          spent.set(name, (spent.get(name) ?? 0) + performance.now() - start);
        }
      };
    },
  });
}

function source(batches: JobDraft[][]): JobSource {
  return {
    id: SOURCE_ID,
    kind: SOURCE_ID,
    label: "Bench",
    host: "bench.example",
    minIntervalMs: 0,
    fetch: async () => ({ status: "ok", jobs: batches.shift() ?? [], skipped: 0 }),
  };
}

// What the board serves exists before the bot starts: made here, it is not counted in "ready".
const postings = [newPostings(1, 0), newPostings(Number(newJobs), 1)];
// The bot's heap policy (src/heap-policy.ts), as main.ts applies it first thing.
applyHeapPolicy();
const started = performance.now();
const store =
  kind === "postgres"
    ? await openPostgresStore(location, { log: silentLogger })
    : await openFilesStore(location, { log: silentLogger });
const spent = new Map<string, number>();
const cycle = alertCycle({
  store: timedStore(store, spent),
  sources: [source(postings)],
  createMatcher: indexedMatcher,
  clock: systemClock,
  log: silentLogger,
});
// As main.ts does: /latest's and /subscribe's job documents are prepared beside the first cycle.
// The bot is ready when both are done (a command before would wait for the documents it lacks).
let firstCycle = 0;
const firstRun = cycle.run().then(() => (firstCycle = performance.now() - started));
await Promise.all([
  firstRun,
  prepareDocuments(await store.recentJobs(), { elsewhere: numberWordsInWorker(silentLogger), helpFrom: firstRun }),
]);
const ready = performance.now() - started;
spent.clear();
matchesQueued = 0;

const context: SharedContext = { store, clock: systemClock, log: silentLogger, sources: [], settings: defaultSettings };
const commands = [
  ["subscriptions", ""],
  ["subscribe", "kotlin remote"],
  ["latest", "rust"],
  ["subscriptions", ""],
] as const;
const latencies: number[] = [];
let rss = process.memoryUsage().rss;
const stalls = monitorEventLoopDelay({ resolution: 10 });
stalls.enable();

let running = true;
const measured = (async () => {
  const start = performance.now();
  const report = await cycle.run();
  running = false;
  return { ms: performance.now() - start, report };
})();
// One command at a time, as people type them: each is timed from being asked to being answered.
for (let i = 0; running; i++) {
  const [name, args] = commands[i % commands.length] as (typeof commands)[number];
  const chat = `telegram:${1_000_000 + ((i * 7919) % 1000)}`;
  const start = performance.now();
  await runCommand(findCommand(name) as NonNullable<ReturnType<typeof findCommand>>, {
    ...context,
    chat,
    user: "bench",
    args,
    page: 0,
  });
  latencies.push(performance.now() - start);
  rss = Math.max(rss, process.memoryUsage().rss);
  await sleep(COMMAND_EVERY_MS);
}
const { ms: cycleMs, report } = await measured;
stalls.disable();
rss = Math.max(rss, process.memoryUsage().rss);
latencies.sort((a, b) => a - b);
const steps = [...spent].sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${Math.round(ms)}`);
await store.close();
process.stdout.write(
  JSON.stringify({
    ready,
    firstCycle,
    cycle: cycleMs,
    newJobs: report.newJobs,
    alerts: report.alerts,
    matches: matchesQueued,
    commands: latencies.length,
    p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
    stall: stalls.max / 1e6,
    rss,
    steps,
  }),
);
process.exit(0);
