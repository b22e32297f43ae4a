/**
 * The start side of `npm run bench -- latest`, in a process of its own, since the index of stored
 * jobs' words is the search module's, one per process: `node --import tsx bench/latest-start.ts
 * <worker|here> <jobs>`. Indexes the words of <jobs> stored jobs of the scale bench's data as
 * main.ts does at start, numbered on a worker thread or found on the main thread, and prints one
 * JSON object: the time taken, the main thread's busy time and CPU time, the CPU time of the whole
 * process, the longest the event loop waited, and the resident memory before, at most and after
 * (once the worker has ended). On a busy machine the busy time counts waiting for a core too; the
 * main thread's CPU time (Linux only, from /proc; 0 elsewhere) does not.
 */
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { silentLogger } from "../src/core/logger.js";
import { prepareDocuments } from "../src/core/query/search.js";
import { numberWordsInWorker } from "../src/word-numbering-worker.js";
import { scaleData } from "./scale-data.js";

/** The main thread's CPU time in ms: its task's utime and stime, in ticks of 10 ms. */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const [where, count] = process.argv.slice(2) as [string, string];
const jobs = scaleData({ subscriptions: 1, chats: 1, jobs: Number(count) }).jobs.map((job) => Object.freeze(job));

const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
const delays = monitorEventLoopDelay({ resolution: 10 });
delays.enable();
const busyBefore = performance.eventLoopUtilization();
const cpuBefore = process.cpuUsage();
const mainCpuBefore = mainThreadCpu();
const start = performance.now();
await prepareDocuments(jobs, where === "worker" ? { elsewhere: numberWordsInWorker(silentLogger) } : {});
const ms = performance.now() - start;
const busy = performance.eventLoopUtilization(busyBefore).active;
const cpu = process.cpuUsage(cpuBefore);
const mainCpu = mainThreadCpu() - mainCpuBefore;
delays.disable();
// The worker's memory is given back once it has ended, a moment after the last batch.
await sleep(500);
clearInterval(sampler);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
process.stdout.write(
  JSON.stringify({
    ms,
    busy,
    mainCpu,
    cpu: (cpu.user + cpu.system) / 1000,
    stall: delays.max / 1e6,
    rssBefore: mb(rssBefore),
    rssPeak: mb(Math.max(rssPeak, process.memoryUsage().rss)),
    rssAfter: mb(process.memoryUsage().rss),
  }),
);
process.exit(0);
