/**
 * The outbox bound (MAX_PENDING_PER_CHAT): a chat that cannot be reached, or whose platform is not
 * running, holds at most that many jobs plus one "N more jobs" line, however many cycles add to it.
 */
import { describe, expect, it } from "vitest";
import { overflowLine, type OutboxEntry } from "../../../src/core/alert.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { ALICE, harness } from "./harness.js";

const PARKED = "discord:channel:7";
const jobsOf = (entries: readonly OutboxEntry[]) => entries.reduce((n, entry) => n + entry.items.length, 0);

describe("the outbox bound", () => {
  it("keeps a chat whose platform is not running within the bound, folding the oldest into one line", async () => {
    const h = harness({ store: memoryStore({ maxPendingPerChat: 100 }) });
    const cycles = [];
    for (let cycle = 0; cycle < 5; cycle += 1) cycles.push(await h.queue(PARKED, 60));
    const pending = (await h.store.pendingAlerts()).filter((entry) => entry.chat === PARKED);
    expect(jobsOf(pending)).toBe(100);
    const [fold, ...rest] = pending;
    expect(fold?.overflow).toEqual({ jobs: 200, queries: ["rust"] });
    // The newest jobs are the ones kept.
    expect(rest.flatMap((entry) => entry.items.map((item) => item.jobId))).toEqual(cycles.flat().slice(200));
    await h.runAll();
    expect(h.transport.attempts).toEqual([]); // parked, not retried
  });

  it("names the parked chats once per cycle in the log, with their counts", async () => {
    const h = harness({ store: memoryStore({ maxPendingPerChat: 100 }) });
    await h.queue(PARKED, 3);
    await h.engine.report();
    await h.engine.report();
    const parked = h.log.at("warn").filter((record) => record.message.startsWith("alerts parked"));
    expect(parked).toHaveLength(2); // one per report, and the report comes once per cycle
    expect(parked[0]?.fields).toMatchObject({ chats: 1, alerts: 3, parked: { [PARKED]: 3 } });
  });

  it("sends the 'more jobs' line first and alone, then the jobs kept", async () => {
    const h = harness({ store: memoryStore({ maxPendingPerChat: 10 }) });
    const ids = await h.queue(ALICE, 14);
    await h.runAll();
    const [first, ...rest] = h.transport.receivedBy(ALICE);
    expect(first?.overflow).toEqual({ jobs: 4, queries: ["rust"] });
    expect(first?.jobIds).toEqual([]);
    expect(rest.flatMap((r) => r.jobIds)).toEqual(ids.slice(4));
    expect(await h.store.pendingAlerts()).toEqual([]);
  });

  it("reads as one plain line pointing at /latest", () => {
    expect(overflowLine({ jobs: 120, queries: ["rust remote"] })).toBe(
      "120 more jobs matched while alerts could not be delivered: /latest rust remote",
    );
  });
});
