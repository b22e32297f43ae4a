import { describe, expect, it } from "vitest";
import { startScheduler } from "../../src/scheduler.js";
import { recordingLogger } from "../fakes/recording-logger.js";

describe("the scheduler's stop (SIGTERM)", () => {
  it("aborts the run in progress and resolves once it has ended, logging a stop rather than a failure", async () => {
    const log = recordingLogger();
    let seen: AbortSignal | undefined;
    // A run that would go on for ever (a hostile feed being parsed) unless its signal is aborted.
    const scheduler = startScheduler(
      "0 0 1 1 *",
      (signal) =>
        new Promise<void>((_, reject) => {
          seen = signal;
          signal.addEventListener("abort", () => reject(signal.reason as Error));
        }),
      log,
    );
    expect(seen?.aborted).toBe(false);

    await scheduler.stop();

    expect(seen?.aborted).toBe(true);
    expect(log.at("info").map((record) => record.message)).toContain("cycle stopped for shutdown");
    expect(log.at("error")).toEqual([]);
  });
});
