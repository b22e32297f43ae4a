/**
 * Closed postings: a job is closed after two complete fetches in a row without it, a fetch that
 * is not complete (a page failed, an item could not be read) counts neither way, and a job listed
 * again is open again.
 */
import { describe, expect, it } from "vitest";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import type { JobDraft } from "../../../src/core/job.js";
import { compareListing } from "../../../src/core/listing.js";
import { silentLogger } from "../../../src/core/logger.js";
import { naiveMatcher } from "../../../src/core/query/matcher.js";
import type { FetchOutcome, JobSource } from "../../../src/core/source.js";
import { initialSourceState } from "../../../src/core/source-state.js";
import { fetchPages, type Page } from "../../../src/sources/paged.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { makeDraft } from "../../fakes/fake-source.js";
import { manualTime } from "../../fakes/manual-time.js";

/** A board whose next answer a test sets: the jobs, and whether that answer is complete. */
function scriptedBoard(id = "board:main") {
  const board = {
    next: { jobs: [] as JobDraft[], complete: true, skipped: 0 },
    source: {
      id,
      kind: "board",
      label: id,
      host: `${id}.example`,
      minIntervalMs: 0,
      async fetch(): Promise<FetchOutcome> {
        const { jobs, complete, skipped } = board.next;
        return { status: "ok", jobs: [...jobs], skipped, ...(complete ? { complete } : {}) };
      },
    } satisfies JobSource,
  };
  return board;
}

describe("compareListing", () => {
  it("closes what two complete fetches in a row missed, and forgets what came back", () => {
    const first = compareListing(initialSourceState("s"), ["a", "b", "c"]);
    expect(first).toEqual({ listing: { listed: ["a", "b", "c"], missingOnce: [] }, closed: [] });
    const second = compareListing({ ...initialSourceState("s"), ...first.listing }, ["a"]);
    expect(second).toEqual({ listing: { listed: ["a"], missingOnce: ["b", "c"] }, closed: [] });
    const third = compareListing({ ...initialSourceState("s"), ...second.listing }, ["a", "c"]);
    expect(third).toEqual({ listing: { listed: ["a", "c"], missingOnce: [] }, closed: ["b"] });
  });

  it("never closes a job another source still lists", () => {
    const state = { ...initialSourceState("s"), listed: ["a"], missingOnce: ["b"] };
    expect(compareListing(state, ["a"], new Set(["b"])).closed).toEqual([]);
  });
});

describe("closing jobs in the alert cycle", () => {
  it("marks a job closed with the time after two complete fetches without it, not after one, and reopens it when listed again", async () => {
    const store = memoryStore();
    const clock = manualTime();
    const board = scriptedBoard();
    const cycle = alertCycle({ store, sources: [board.source], createMatcher: naiveMatcher, clock, log: silentLogger });
    const [kept, gone] = [makeDraft({ id: "board:kept" }), makeDraft({ id: "board:gone" })];
    board.next.jobs = [kept, gone];
    await cycle.run();
    board.next.jobs = [kept];
    await clock.advance(60_000);
    await cycle.run();
    expect((await store.getJob("board:gone"))?.closedAt).toBeUndefined();
    await clock.advance(60_000);
    const closedAt = clock.now();
    await cycle.run();
    expect((await store.getJob("board:gone"))?.closedAt).toBe(closedAt);
    expect((await store.getJob("board:kept"))?.closedAt).toBeUndefined();
    board.next.jobs = [kept, gone];
    await clock.advance(60_000);
    await cycle.run();
    expect((await store.getJob("board:gone"))?.closedAt).toBeUndefined();
  });

  it("does not count a fetch that was not complete (a page failed) or that skipped an unreadable item", async () => {
    const store = memoryStore();
    const clock = manualTime();
    const board = scriptedBoard();
    const cycle = alertCycle({ store, sources: [board.source], createMatcher: naiveMatcher, clock, log: silentLogger });
    const [kept, gone] = [makeDraft({ id: "board:kept" }), makeDraft({ id: "board:gone" })];
    board.next.jobs = [kept, gone];
    await cycle.run();
    board.next = { jobs: [kept], complete: false, skipped: 0 };
    await clock.advance(60_000);
    await cycle.run();
    board.next = { jobs: [kept], complete: true, skipped: 1 };
    await clock.advance(60_000);
    await cycle.run();
    board.next = { jobs: [kept], complete: true, skipped: 0 };
    await clock.advance(60_000);
    await cycle.run();
    // One complete fetch without it so far: still open.
    expect((await store.getJob("board:gone"))?.closedAt).toBeUndefined();
    await clock.advance(60_000);
    await cycle.run();
    expect((await store.getJob("board:gone"))?.closedAt).toBeDefined();
  });
});

describe("fetchPages", () => {
  const pages =
    (count: number, failAt?: number) =>
    async (url: string, index: number): Promise<Page> => {
      if (index === failAt) throw new Error("503");
      return { jobs: [makeDraft({ id: `p:${index}` })], skipped: 0, ...(index < count - 1 ? { next: `${url}+` } : {}) };
    };

  it("is complete only when it read up to the last page", async () => {
    expect((await fetchPages("u", 5, pages(3), silentLogger)).complete).toBe(true);
    expect((await fetchPages("u", 5, pages(3, 1), silentLogger)).complete).toBe(false);
    expect((await fetchPages("u", 2, pages(3), silentLogger)).complete).toBe(false);
  });
});
