/**
 * Runs the work of a cycle on SCRAPE_SCHEDULE and once right at start-up, never two at a time:
 * a tick that arrives while a run is going is skipped, not queued. Stopping aborts the signal the
 * work was given, so that a run in progress ends promptly (SIGTERM is answered within seconds).
 */
import { schedule, setLogger, type ScheduledTask } from "node-cron";
import type { Logger } from "./core/logger.js";

export interface Scheduler {
  /** Aborts the run in progress (if any) and resolves when it has ended. */
  stop(): Promise<void>;
  /** Runs the cycle now unless a run is in progress; resolves when done. */
  runNow(): Promise<void>;
  /** The time between the next two scheduled runs, for health checks. */
  periodMs(): number;
}

export function startScheduler(
  expression: string,
  work: (signal: AbortSignal) => Promise<void>,
  log: Logger,
): Scheduler {
  let running: Promise<void> | undefined;
  const stopping = new AbortController();

  const exclusive = (job: (signal: AbortSignal) => Promise<unknown>, label: string): Promise<void> => {
    if (stopping.signal.aborted || running) return running ?? Promise.resolve();
    running = job(stopping.signal)
      .then(() => undefined)
      .catch((error: unknown) => {
        if (stopping.signal.aborted) log.info({}, `${label} stopped for shutdown`);
        else log.error({ error }, `${label} failed`);
      })
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
      stopping.abort();
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
