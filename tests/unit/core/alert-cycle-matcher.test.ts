/** The alert cycle's matcher: built once from the store, page by page, then following its changes. */
import { describe, expect, it } from "vitest";
import { alertCycle, type AlertCycleDeps } from "../../../src/core/alert-cycle.js";
import { indexedMatcher } from "../../../src/core/query/indexed-matcher.js";
import { naiveMatcher, type MatcherFactory } from "../../../src/core/query/matcher.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { MatchedSubscription } from "../../../src/core/subscription.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import type { Store } from "../../../src/store/store.js";
import { T0 } from "../../fakes/builders.js";
import { fakeSource, makeDraft, type FakeSource } from "../../fakes/fake-source.js";

const ALICE = "telegram:1";
const BOB = "telegram:2";

/** A cycle over one board at a fixed time. */
function cycleOf(store: Store, board: FakeSource, createMatcher: MatcherFactory, slices?: AlertCycleDeps["slices"]) {
  const clock = { now: () => T0 };
  return alertCycle({
    store,
    sources: [board],
    createMatcher,
    clock,
    log: silentLogger,
    ...(slices ? { slices } : {}),
  });
}

describe("the matcher of a cycle", () => {
  it("is built once and then follows the store's changes, never given every subscription again", async () => {
    const store = memoryStore();
    const board = fakeSource([makeDraft()]);
    let builds = 0;
    const added: string[] = [];
    const counting: MatcherFactory = (log) => {
      builds += 1;
      const matcher = naiveMatcher(log);
      const add = matcher.add.bind(matcher);
      matcher.add = (subscriptions, slices) => {
        added.push(...subscriptions.map((s) => s.id));
        return add(subscriptions, slices);
      };
      return matcher;
    };
    const cycle = cycleOf(store, board, counting);
    await store.addSubscription({ chat: BOB, createdBy: "1", query: "python", createdAt: T0 });
    await cycle.run();
    const rust = await store.addSubscription({ chat: ALICE, createdBy: "1", query: "rust", createdAt: T0 });
    for (let i = 0; i < 3; i++) {
      board.add(makeDraft({ title: `Rust engineer ${i}` }));
      await cycle.run();
    }
    await store.moveChat(ALICE, BOB);
    board.add(makeDraft({ title: "Rust engineer, moved" }));
    await cycle.run();
    expect(builds).toBe(1);
    expect(added).toEqual(["1", rust.id, rust.id]);
    expect((await store.pendingAlerts()).at(-1)?.chat).toBe(BOB);
  });

  it("is built page by page as the store reads them, each page held before the next is read", async () => {
    const store = memoryStore();
    for (const query of ["rust", "go", "python"])
      await store.addSubscription({ chat: BOB, createdBy: "1", query, createdAt: T0 });
    const events: string[] = [];
    // The store's pages, one subscription each: what a store does with a million.
    const paging: Store = {
      ...store,
      async allSubscriptions(take) {
        const all: MatchedSubscription[] = [];
        const version = await store.allSubscriptions(async (page) => void all.push(...page));
        for (const subscription of all) {
          events.push(`read ${subscription.query}`);
          await take([subscription]);
        }
        return version;
      },
    };
    const recording: MatcherFactory = (log) => {
      const matcher = naiveMatcher(log);
      const add = matcher.add.bind(matcher);
      matcher.add = async (subscriptions, slices) => {
        await add(subscriptions, slices);
        events.push(...subscriptions.map((s) => `held ${s.query}`));
      };
      return matcher;
    };
    const board = fakeSource([makeDraft()]);
    const cycle = cycleOf(paging, board, recording);
    await cycle.run();
    expect(events).toEqual(["read rust", "held rust", "read go", "held go", "read python", "held python"]);
  });

  it("stops alerting a subscription once it is removed, and alerts one added since the last cycle", async () => {
    const store = memoryStore();
    const board = fakeSource([makeDraft()]);
    const cycle = cycleOf(store, board, indexedMatcher);
    const rust = await store.addSubscription({ chat: ALICE, createdBy: "1", query: "rust", createdAt: T0 });
    await cycle.run();
    board.add(makeDraft({ title: "Rust engineer" }));
    await cycle.run();
    expect((await store.pendingAlerts()).map((e) => e.chat)).toEqual([ALICE]);
    await store.removeSubscription(ALICE, rust.id);
    await store.addSubscription({ chat: BOB, createdBy: "2", query: "rust", createdAt: T0 });
    board.add(makeDraft({ title: "Senior Rust engineer" }));
    await cycle.run();
    expect((await store.pendingAlerts()).map((e) => e.chat)).toEqual([ALICE, BOB]);
  });

  it("pauses for the event loop between slices of matching and deciding", async () => {
    const store = memoryStore();
    const board = fakeSource([makeDraft()]);
    let pauses = 0;
    const cycle = cycleOf(store, board, indexedMatcher, { due: () => true, pause: async () => void (pauses += 1) });
    await store.addSubscription({ chat: ALICE, createdBy: "1", query: "rust", createdAt: T0 });
    await cycle.run();
    const before = pauses;
    board.add(makeDraft({ title: "Rust engineer" }), makeDraft({ title: "Rust developer" }));
    await cycle.run();
    expect(before).toBeGreaterThan(0);
    // Each of the two jobs matched, their chats gathered, each decided, the chat's alerts made.
    expect(pauses - before).toBeGreaterThanOrEqual(4);
  });
});
