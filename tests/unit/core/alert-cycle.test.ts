import { describe, expect, it } from "vitest";
import { DAY } from "../../../src/core/clock.js";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import { naiveMatcher } from "../../../src/core/query/matcher.js";
import type { JobSource } from "../../../src/core/source.js";
import { silentLogger } from "../../../src/core/logger.js";
import { deliveryEngine } from "../../../src/delivery/dispatcher.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { T0 } from "../../fakes/builders.js";
import { fakeSource, makeDraft, type FakeSource } from "../../fakes/fake-source.js";
import { manualTime } from "../../fakes/manual-time.js";
import { recordingTransport } from "../../fakes/recording-transport.js";

const ALICE = "telegram:1";
const BOB = "telegram:2";

function pipeline(...sources: FakeSource[]) {
  const store = memoryStore();
  const clock = manualTime();
  const transport = recordingTransport("telegram");
  const boards = sources.length > 0 ? sources : [fakeSource([makeDraft({ title: "Rust engineer (existing)" })])];
  const cycle = alertCycle({ store, sources: boards, createMatcher: naiveMatcher, clock, log: silentLogger });
  const delivery = deliveryEngine({ store, transports: [transport], clock, timers: clock, log: silentLogger });
  return {
    store,
    clock,
    transport,
    board: boards[0] as FakeSource,
    async subscribe(chat: string, query: string) {
      return store.addSubscription({ chat, createdBy: chat, query, createdAt: clock.now() });
    },
    async tick() {
      await clock.advance(60_000);
      const report = await cycle.run();
      await delivery.wake();
      // Everything due goes out, however long the rate limits make it take.
      await clock.runAll();
      return report;
    },
  };
}

describe("the alert cycle", () => {
  it("announces nothing from a source's first fetch (the baseline), but stores its jobs", async () => {
    const p = pipeline(
      fakeSource([makeDraft({ title: "Rust engineer" }), makeDraft({ title: "Senior Rust developer" })]),
    );
    await p.subscribe(ALICE, "rust");
    const report = await p.tick();
    expect(report.newJobs).toBe(2);
    expect(p.transport.sent).toEqual([]);
    expect(await p.store.recentJobs()).toHaveLength(2);
  });

  it("sends a matching job first seen after the baseline exactly once", async () => {
    const p = pipeline();
    await p.tick();
    await p.subscribe(ALICE, "rust remote");
    p.board.add(makeDraft({ id: "board:new", title: "Senior Rust engineer", remote: true }));
    await p.tick();
    await p.tick();
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["board:new"]);
    expect(p.transport.sentTo(ALICE)[0]?.items[0]?.matches[0]?.query).toBe("rust remote");
  });

  it("never announces a job seen before the subscription", async () => {
    const p = pipeline();
    await p.tick();
    p.board.add(makeDraft({ id: "board:early", title: "Rust engineer" }));
    await p.tick();
    await p.subscribe(ALICE, "rust");
    await p.tick();
    expect(p.transport.sent).toEqual([]);
  });

  it("does not send jobs that do not match, nor to chats without a matching subscription", async () => {
    const p = pipeline();
    await p.tick();
    await p.subscribe(ALICE, "rust");
    await p.subscribe(BOB, "java");
    p.board.add(makeDraft({ title: "JavaScript developer" }), makeDraft({ id: "board:rust", title: "Rust developer" }));
    await p.tick();
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["board:rust"]);
    expect(p.transport.sentTo(BOB)).toEqual([]);
  });

  it("sends a job once to a chat whose several subscriptions match, naming every query", async () => {
    const p = pipeline();
    await p.tick();
    await p.subscribe(ALICE, "rust");
    await p.subscribe(ALICE, "backend");
    p.board.add(makeDraft({ id: "board:both", title: "Rust backend engineer" }));
    await p.tick();
    const alerts = p.transport.sentTo(ALICE);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.items[0]?.matches.map((m) => m.query)).toEqual(["rust", "backend"]);
  });

  it("sends each matching chat its own alert", async () => {
    const p = pipeline();
    await p.tick();
    await p.subscribe(ALICE, "rust");
    await p.subscribe(BOB, "rust");
    p.board.add(makeDraft({ id: "board:shared", title: "Rust engineer" }));
    await p.tick();
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["board:shared"]);
    expect(p.transport.jobIdsSentTo(BOB)).toEqual(["board:shared"]);
  });

  it("sends five new matches as five alerts, and six as one grouped alert", async () => {
    const p = pipeline();
    await p.tick();
    await p.subscribe(ALICE, "rust");
    await p.subscribe(BOB, "python");
    p.board.add(...Array.from({ length: 5 }, (_, i) => makeDraft({ title: `Rust engineer ${i}` })));
    p.board.add(...Array.from({ length: 6 }, (_, i) => makeDraft({ title: `Python engineer ${i}` })));
    await p.tick();
    expect(p.transport.sentTo(ALICE).map((a) => a.items.length)).toEqual([1, 1, 1, 1, 1]);
    expect(p.transport.sentTo(BOB).map((a) => a.items.length)).toEqual([6]);
  });

  it("splits a large group into alerts of at most ten jobs", async () => {
    const p = pipeline();
    await p.tick();
    await p.subscribe(ALICE, "rust");
    p.board.add(...Array.from({ length: 23 }, (_, i) => makeDraft({ title: `Rust engineer ${i}` })));
    await p.tick();
    expect(p.transport.sentTo(ALICE).map((a) => a.items.length)).toEqual([10, 10, 3]);
  });

  it("keeps going when one source fails, and records the failure", async () => {
    const broken = fakeSource([], "board:broken");
    const healthy = fakeSource([makeDraft()], "board:healthy");
    const p = pipeline(healthy, broken);
    await p.tick();
    await p.subscribe(ALICE, "rust");
    broken.failure = new Error("HTTP 503 from board.example.com");
    healthy.add(makeDraft({ id: "board:ok", title: "Rust engineer" }));
    const report = await p.tick();
    expect(report.failed).toEqual([{ source: "board:broken", reason: "HTTP 503 from board.example.com" }]);
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["board:ok"]);
    const state = (await p.store.sourceStates()).find((s) => s.id === "board:broken");
    expect(state).toMatchObject({
      consecutiveFailures: 1,
      lastError: "HTTP 503 from board.example.com",
      failingSince: T0 + 120_000,
    });
  });

  it("treats a source added later as a baseline of its own, without flooding chats", async () => {
    const first = fakeSource([makeDraft()], "board:first");
    const late = fakeSource([makeDraft({ title: "Rust engineer (backlog)" })], "board:late");
    const p = pipeline(first, late);
    late.failure = new Error("not reachable yet");
    await p.tick();
    await p.subscribe(ALICE, "rust");
    late.failure = undefined;
    await p.tick();
    expect(p.transport.sent).toEqual([]);
    late.add(makeDraft({ id: "board:fresh", title: "Rust engineer (fresh)" }));
    await p.tick();
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["board:fresh"]);
  });

  it("announces the same job on two boards once, keeping the first board's link", async () => {
    const wwr = fakeSource([], "board:wwr");
    const remoteok = fakeSource([], "board:remoteok");
    const p = pipeline(wwr, remoteok);
    await p.tick();
    await p.subscribe(ALICE, "rust");
    wwr.add(
      makeDraft({
        id: "wwr:1",
        source: "wwr",
        company: "Ferrous Inc.",
        title: "Senior Rust Engineer",
        url: "https://wwr.example/1",
      }),
    );
    remoteok.add(
      makeDraft({
        id: "remoteok:9",
        source: "remoteok",
        company: "ferrous",
        title: "Senior  Rust engineer",
        url: "https://remoteok.example/9",
        employmentType: "Full-Time",
      }),
    );
    await p.tick();
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["wwr:1"]);
    expect(await p.store.getJob("wwr:1")).toMatchObject({ url: "https://wwr.example/1", employmentType: "Full-Time" });
    expect(await p.store.getJob("remoteok:9")).toBeUndefined();
  });

  it("sends nothing to a paused chat, and does not replay on resume", async () => {
    const p = pipeline();
    await p.tick();
    await p.subscribe(ALICE, "rust");
    await p.store.setPaused(ALICE, true);
    p.board.add(makeDraft({ title: "Rust engineer (while paused)" }));
    await p.tick();
    await p.store.setPaused(ALICE, false);
    await p.tick();
    expect(p.transport.sent).toEqual([]);
    p.board.add(makeDraft({ id: "board:after", title: "Rust engineer (after resume)" }));
    await p.tick();
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["board:after"]);
  });

  it("does not announce again a job its board still lists after it was pruned", async () => {
    const p = pipeline();
    await p.tick();
    await p.subscribe(ALICE, "rust");
    p.board.add(makeDraft({ id: "board:long-open", title: "Rust engineer (open for months)" }));
    await p.tick();
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["board:long-open"]);
    await p.clock.advance(31 * DAY);
    expect(await p.store.pruneJobs(p.clock.now() - 30 * DAY, p.clock.now())).toBeGreaterThan(0);
    await p.tick();
    // Its board keeps listing it, cycle after cycle, for longer than the memory of one sighting lasts.
    for (let fortnight = 0; fortnight < 3; fortnight += 1) {
      await p.clock.advance(15 * DAY);
      await p.tick();
    }
    await p.store.pruneJobs(p.clock.now() - 30 * DAY, p.clock.now());
    await p.tick();
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["board:long-open"]);
    expect(await p.store.getJob("board:long-open")).toBeUndefined();
  });

  it("counts the jobs a source brought once each, however often it lists them", async () => {
    const p = pipeline(fakeSource([makeDraft(), makeDraft(), makeDraft()]));
    await p.tick();
    await p.tick();
    p.board.add(makeDraft());
    await p.tick();
    expect((await p.store.sourceStates())[0]?.jobsSeen).toBe(4);
  });

  it("skips a job a source could not describe, and uses the rest", async () => {
    const p = pipeline();
    await p.tick();
    await p.subscribe(ALICE, "rust");
    p.board.add(
      makeDraft({ title: "Rust engineer", url: "not a url" }),
      makeDraft({ id: "board:good", title: "Rust developer" }),
    );
    await p.tick();
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["board:good"]);
  });

  it("matches against the whole description even when the store caps it", async () => {
    const p = pipeline();
    await p.tick();
    await p.subscribe(ALICE, "haskell");
    const long = `${"lorem ipsum ".repeat(2000)} we also use Haskell`;
    p.board.add(makeDraft({ id: "board:long", title: "Engineer", description: long }));
    await p.tick();
    expect(p.transport.jobIdsSentTo(ALICE)).toEqual(["board:long"]);
  });
});

describe("a cycle whose commit fails", () => {
  it("ends only after every host's turn has, and says why", async () => {
    const store = memoryStore();
    const failing = fakeSource([makeDraft()], "board:failing");
    const slow = fakeSource([makeDraft()], "board:slow");
    // The slow host answers only once the other host's commit has failed.
    let failed = (): void => {};
    const commitFailed = new Promise<void>((resolve) => (failed = resolve));
    const slowFetch = slow.fetch.bind(slow);
    slow.fetch = async (request, log) => {
      await commitFailed;
      return slowFetch(request, log);
    };
    const commitCycle = store.commitCycle.bind(store);
    const diskFull = Object.assign(store, {
      commitCycle: (commit: Parameters<typeof commitCycle>[0]) => {
        if (commit.sourceStates[0]?.id !== "board:failing") return commitCycle(commit);
        failed();
        return Promise.reject(new Error("ENOSPC"));
      },
    });
    const cycle = alertCycle({
      store: diskFull,
      sources: [failing, slow],
      createMatcher: naiveMatcher,
      clock: { now: () => T0 },
      log: silentLogger,
    });
    await expect(cycle.run()).rejects.toThrow("ENOSPC");
    expect((await store.sourceStates()).map((s) => s.id)).toEqual(["board:slow"]);
  });
});

describe("a cycle stopped for shutdown", () => {
  it("cancels the fetch in flight, rejects, and records neither a failure nor the jobs of sources not yet settled", async () => {
    const store = memoryStore();
    const fetched = fakeSource([makeDraft({ title: "Go engineer" })], "board:first", { host: "shared.example" });
    let sawSignal: AbortSignal | undefined;
    // A board that answers only when its request is cancelled, as a real fetch rejects on abort.
    const hanging: JobSource = {
      ...fakeSource([], "board:hanging", { host: "other.example" }),
      fetch: ({ signal }) =>
        new Promise((_, reject) => {
          sawSignal = signal;
          signal?.addEventListener("abort", () => reject(signal.reason as Error));
        }),
    };
    const after = fakeSource([makeDraft({ title: "Rust engineer" })], "board:after", { host: "other.example" });
    const cycle = alertCycle({
      store,
      sources: [fetched, hanging, after],
      createMatcher: naiveMatcher,
      clock: { now: () => T0 },
      log: silentLogger,
    });
    const stop = new AbortController();
    const run = cycle.run(stop.signal);
    // Shutdown comes once the first board's turn is committed and the other's request hangs.
    while (!sawSignal || (await store.sourceStates()).length === 0)
      await new Promise((resolve) => setImmediate(resolve));
    stop.abort();

    await expect(run).rejects.toThrow(/abort/i);
    expect(sawSignal?.aborted).toBe(true);
    expect(after.fetches).toBe(0);
    const states = await store.sourceStates();
    expect(states.map((s) => s.id)).toEqual(["board:first"]);
    expect(states.every((s) => s.consecutiveFailures === 0)).toBe(true);
  });

  it("stops ingesting at its next pause, committing nothing of the source", async () => {
    const store = memoryStore();
    const board = fakeSource(Array.from({ length: 50 }, () => makeDraft()));
    const stop = new AbortController();
    let pauses = 0;
    const cycle = alertCycle({
      store,
      sources: [board],
      createMatcher: naiveMatcher,
      clock: { now: () => T0 },
      log: silentLogger,
      // Every step is a slice; shutdown comes during the fifth pause.
      slices: {
        due: () => true,
        pause: async () => {
          if (++pauses === 5) stop.abort();
        },
      },
    });

    await expect(cycle.run(stop.signal)).rejects.toThrow(/abort/i);
    expect(pauses).toBe(5);
    expect(await store.recentJobs()).toEqual([]);
    expect(await store.sourceStates()).toEqual([]);
  });
});
