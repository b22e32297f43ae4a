import { describe, expect, it } from "vitest";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import { silentLogger } from "../../../src/core/logger.js";
import { indexedMatcher } from "../../../src/core/query/indexed-matcher.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { fakeSource, makeDraft } from "../../fakes/fake-source.js";
import { manualTime } from "../../fakes/manual-time.js";

const ALICE = "telegram:1";

describe("the alert cycle and subscriptions' own schedules", () => {
  it("splits a chat's grouped alert by the schedules its subscriptions have when the alert is decided", async () => {
    const store = memoryStore();
    const clock = manualTime();
    const board = fakeSource([makeDraft({ title: "Existing job" })]);
    const cycle = alertCycle({ store, sources: [board], createMatcher: indexedMatcher, clock, log: silentLogger });
    const subscribe = (query: string) => store.addSubscription({ chat: ALICE, createdBy: ALICE, query, createdAt: 0 });
    const tick = async () => {
      await clock.advance(60_000);
      await cycle.run();
    };
    await subscribe("rust");
    const go = await subscribe("golang");
    await tick();
    // Given after the cycle's matcher took the subscription: only the store knows it.
    await store.setSubscriptionSchedule(ALICE, go.id, { every: "day", at: 8 * 60 });
    board.add(...Array.from({ length: 6 }, (_, i) => makeDraft({ title: `Rust engineer ${i}` })));
    board.add(makeDraft({ title: "Golang engineer" }));
    await tick();
    const queries = (await store.pendingAlerts()).map((entry) =>
      entry.items.map((item) => item.matches.map((match) => match.query).join()),
    );
    expect(queries).toEqual([Array(6).fill("rust"), ["golang"]]);
  });
});
