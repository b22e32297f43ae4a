import { describe, expect, it } from "vitest";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import { indexedMatcher } from "../../../src/core/query/indexed-matcher.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { fakeSource, makeDraft } from "../../fakes/fake-source.js";
import { manualTime } from "../../fakes/manual-time.js";
import { recordingLogger } from "../../fakes/recording-logger.js";

describe("a stored query the language no longer reads", () => {
  it("is warned about once, at the first build, not on every cycle nor when other subscriptions change", async () => {
    const store = memoryStore();
    const clock = manualTime();
    const log = recordingLogger();
    const board = fakeSource([makeDraft({ title: "Go engineer" })]);
    const cycle = alertCycle({ store, sources: [board], createMatcher: indexedMatcher, clock, log });
    // Stored before the zero-width joiner was refused in queries.
    const stored = { chat: "telegram:1", createdBy: "1", query: "go\u200dlang", createdAt: clock.now() };
    await store.addSubscription(stored);
    for (let run = 0; run < 4; run += 1) {
      // Every cycle brings a new job, and from the second on a new subscription, so the index is rebuilt.
      board.add(makeDraft({ id: `board:${run}`, title: `Go engineer ${run}` }));
      if (run > 0) await store.addSubscription({ ...stored, chat: `telegram:${run + 1}`, query: `go${run}` });
      await clock.advance(60_000);
      await cycle.run();
    }
    const warnings = log.at("warn").filter((r) => r.message === "stored query no longer parses");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ query: "go\u200dlang" });
  });
});
