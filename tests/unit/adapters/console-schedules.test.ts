/**
 * Schedules in the terminal, through the whole pipeline on a manual clock: commands typed into
 * the console adapter, a cycle deciding alerts, delivery printing them. Time starts at
 * 2026-01-01T00:00Z (09:00 is 08:00 UTC in Berlin's winter).
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { defaultSettings, type SharedContext } from "../../../commands/command.js";
import { consoleAdapter } from "../../../src/adapters/console/console.js";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import { HOUR, MINUTE } from "../../../src/core/clock.js";
import { silentLogger } from "../../../src/core/logger.js";
import { indexedMatcher } from "../../../src/core/query/indexed-matcher.js";
import { deliveryEngine } from "../../../src/delivery/dispatcher.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { fakeSource, makeDraft } from "../../fakes/fake-source.js";
import { manualTime } from "../../fakes/manual-time.js";

function terminal() {
  const store = memoryStore();
  const clock = manualTime();
  const board = fakeSource([]);
  const context: SharedContext = {
    store,
    clock,
    log: silentLogger,
    sources: [{ id: board.id, label: board.label }],
    settings: defaultSettings,
  };
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  const adapter = consoleAdapter(input, output, context);
  const delivery = deliveryEngine({ store, transports: [adapter.transport], clock, timers: clock, log: silentLogger });
  context.scheduleChanged = () => void delivery.wake();
  const cycle = alertCycle({
    store,
    sources: [board],
    createMatcher: indexedMatcher,
    clock,
    log: silentLogger,
    afterCommit: delivery.wake,
  });
  return {
    board,
    clock,
    cycle,
    delivery,
    /** Types a line and waits for its answer; returns everything printed since. */
    async type(line: string): Promise<string> {
      const before = printed.length;
      input.write(`${line}\n`);
      while (printed.length === before) await clock.settle();
      return printed.slice(before);
    },
    printedSince: (mark: number) => printed.slice(mark),
    mark: () => printed.length,
  };
}

describe("schedules in the terminal", () => {
  it("sends a subscription's jobs at once and collects the chat's other jobs into a digest at 09:00 Berlin", async () => {
    const t = terminal();
    await t.delivery.start();
    await t.cycle.run(); // the baseline
    await t.type("/subscribe rust");
    await t.type("/subscribe golang");
    expect(await t.type("/timezone Europe/Berlin")).toContain("Time zone set to Europe/Berlin");
    expect(await t.type("/digest daily 09:00")).toContain("daily at 09:00 (Europe/Berlin)");
    expect(await t.type("/digest 2 off")).toContain("#2 sends each new job instantly");

    // One fetch brings seven matches: enough to be decided as one grouped alert, split by schedule.
    const rust = [1, 2, 3, 4].map((n) => makeDraft({ title: `Rust developer ${n}` }));
    const golang = [1, 2, 3].map((n) => makeDraft({ title: `Golang developer ${n}` }));
    t.board.add(...rust, ...golang);
    const beforeCycle = t.mark();
    await t.clock.advance(MINUTE);
    await t.cycle.run();
    await t.clock.settle();
    const instant = t.printedSince(beforeCycle);
    expect(instant).toContain("🔔 3 new jobs");
    for (const draft of golang) expect(instant).toContain(draft.title);
    for (const draft of rust) expect(instant).not.toContain(draft.title);

    const beforeDigest = t.mark();
    await t.clock.advance(7 * HOUR + 58 * MINUTE); // 08:59 in Berlin
    expect(t.printedSince(beforeDigest)).toBe("");
    await t.clock.advance(MINUTE);
    const digest = t.printedSince(beforeDigest);
    expect(digest).toMatch(/^📬 Your digest: 4 new jobs:\n🔎 #1 "rust":\n/u);
    // Newest first.
    expect(digest.indexOf("Rust developer 4")).toBeLessThan(digest.indexOf("Rust developer 1"));
    for (const draft of rust) expect(digest).toContain(draft.url);

    expect(await t.type("/settings")).toContain("#2 golang — instantly");
  });

  it("sends what was collected at once when the digest is turned off", async () => {
    const t = terminal();
    await t.delivery.start();
    await t.cycle.run();
    await t.type("/subscribe rust");
    await t.type("/digest daily 23:00");
    const job = makeDraft({ title: "Rust developer, collected" });
    t.board.add(job);
    await t.clock.advance(MINUTE);
    await t.cycle.run();
    const mark = t.mark();
    await t.clock.advance(MINUTE);
    expect(t.printedSince(mark)).toBe("");
    const answer = await t.type("/digest off");
    await t.clock.settle();
    expect(answer + t.printedSince(mark + answer.length)).toContain(job.title);
  });
});
