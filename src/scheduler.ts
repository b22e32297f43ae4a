/**
 * Runs the work of a cycle on SCRAPE_SCHEDULE and once right at start-up, never two at a time:
 * a tick that arrives while a run is going is skipped, not queued.
 */
import { schedule, setLogger, type ScheduledTask } from "node-cron";
import type { Logger } from "./core/logger.js";

export interface Scheduler {
  /** Resolves when the run in progress (if any) has finished. */
  stop(): Promise<void>;
  /** Runs the cycle now unless a run is in progress; resolves when done. */
  runNow(): Promise<void>;
  /** The time between the next two scheduled runs, for health checks. */
  periodMs(): number;
}

export function startScheduler(expression: string, work: () => Promise<void>, log: Logger): Scheduler {
  let running: Promise<void> | undefined;
  let stopped = false;

  const exclusive = (job: () => Promise<unknown>, label: string): Promise<void> => {
    if (stopped || running) return running ?? Promise.resolve();
    running = job()
      .then(() => undefined)
      .catch((error: unknown) => log.error({ error }, `${label} failed`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const runNow = (): Promise<void> => {
    if (running) log.warn({}, "previous cycle still running: this tick is skipped");
    return exclusive(work, "cycle");
  };

  setLogger({
    info: (message) => log.debug({}, message),
    warn: (message) => log.warn({}, message),
    error: (message) => log.error({ error: message }, "scheduler error"),
    debug: (message) => log.debug({ detail: String(message) }, "scheduler"),
  });
  const task: ScheduledTask = schedule(expression, () => runNow(), { name: "alert-cycle" });
  void runNow();

  return {
    runNow,
    periodMs() {
      const [first, second] = task.getNextRuns(2);
      return first && second ? second.getTime() - first.getTime() : 10 * 60_000;
    },
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
