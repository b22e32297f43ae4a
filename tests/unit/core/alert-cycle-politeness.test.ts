import { describe, expect, it } from "vitest";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import { HOUR, MINUTE } from "../../../src/core/clock.js";
import { silentLogger } from "../../../src/core/logger.js";
import { naiveMatcher } from "../../../src/core/query/matcher.js";
import type { FetchOutcome, JobSource } from "../../../src/core/source.js";
import { sourceHealth } from "../../../src/core/source-state.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { T0 } from "../../fakes/builders.js";
import { fixedClock } from "../../fakes/clock.js";
import { fakeSource, makeDraft } from "../../fakes/fake-source.js";

function setup(sources: JobSource[], { random = (): number => 0 } = {}) {
  const store = memoryStore();
  const clock = fixedClock();
  const cycle = alertCycle({ store, sources, createMatcher: naiveMatcher, clock, log: silentLogger, random });
  const stateOf = async (id: string) => (await store.sourceStates()).find((state) => state.id === id);
  return { store, clock, cycle, stateOf };
}

/** A source whose fetches wait until the test lets them finish; it records how many run at once. */
function gatedSource(id: string, host: string, running: { now: number; max: number; perHost: Map<string, number> }) {
  let open: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (open = resolve));
  const source: JobSource & { release(): void; started: number } = {
    id,
    kind: "board",
    label: id,
    host,
    minIntervalMs: 0,
    started: 0,
    release: () => open(),
    async fetch(): Promise<FetchOutcome> {
      source.started += 1;
      running.now += 1;
      running.max = Math.max(running.max, running.now);
      running.perHost.set(
        host,
        Math.max(running.perHost.get(host) ?? 0, [...active].filter((s) => s.host === host).length + 1),
      );
      active.add(source);
      await gate;
      active.delete(source);
      running.now -= 1;
      gate = new Promise<void>((resolve) => (open = resolve));
      return { status: "ok", jobs: [makeDraft({ id: `${id}:job` })], skipped: 0 };
    },
  };
  return source;
}
const active = new Set<JobSource>();

const until = async (condition: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await condition()); i += 1) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(await condition()).toBe(true);
};

describe("politeness in the alert cycle", () => {
  it("fetches a source with a floor again only once the floor has passed, whatever the schedule", async () => {
    const remotive = fakeSource([makeDraft()], "remotive", { host: "remotive.com", minIntervalMs: 6 * HOUR });
    const { clock, cycle } = setup([remotive]);
    await cycle.run();
    for (let minutes = 10; minutes < 6 * 60; minutes += 10) {
      clock.set(T0 + minutes * MINUTE);
      expect(await cycle.run()).toMatchObject({ fetched: 0, waiting: 1 });
    }
    clock.set(T0 + 6 * HOUR);
    await cycle.run();
    expect(remotive.fetches).toBe(2);
  });

  it("fetches a source without a floor on every cycle", async () => {
    const local = fakeSource([makeDraft()], "local", { host: "127.0.0.1" });
    const { clock, cycle } = setup([local]);
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1000);
      await cycle.run();
    }
    expect(local.fetches).toBe(5);
  });

  it("backs a failing source off exponentially, with the jitter drawn from the injected randomness", async () => {
    const broken = fakeSource([], "broken");
    broken.failure = new Error("HTTP 503 from board.example");
    const { clock, cycle, stateOf } = setup([broken], { random: () => 0.5 });
    const retries: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await cycle.run();
      const next = (await stateOf("broken"))?.nextFetchAt as number;
      retries.push(next - clock.now());
      clock.set(next - 1);
      await cycle.run();
      clock.set(next);
    }
    // 1, 2, 4, 8, 16 minutes, each at 75% (half plus half the random 0.5).
    expect(retries).toEqual([45_000, 90_000, 180_000, 360_000, 720_000]);
    expect(broken.fetches).toBe(5);
  });

  it("caps the backoff at 6 hours", async () => {
    const broken = fakeSource([], "broken");
    broken.failure = new Error("timed out");
    const { clock, cycle, stateOf } = setup([broken], { random: () => 0.999_999 });
    for (let attempt = 0; attempt < 15; attempt += 1) {
      await cycle.run();
      clock.set((await stateOf("broken"))?.nextFetchAt as number);
    }
    const state = await stateOf("broken");
    const wait = (state?.nextFetchAt as number) - (state?.lastAttemptAt as number);
    expect(wait).toBeLessThanOrEqual(6 * HOUR);
    expect(wait).toBeGreaterThan(6 * HOUR - MINUTE);
  });

  it("marks a source failing after three failures in a row, and healthy after the next success", async () => {
    const flaky = fakeSource([makeDraft()], "flaky");
    const { clock, cycle, stateOf } = setup([flaky]);
    await cycle.run();
    flaky.failure = new Error("HTTP 500 from board.example");
    const statuses: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      clock.advance(HOUR);
      await cycle.run();
      statuses.push(sourceHealth((await stateOf("flaky"))!).status);
    }
    expect(statuses).toEqual(["backing-off", "backing-off", "failing"]);
    expect(sourceHealth((await stateOf("flaky"))!)).toMatchObject({ status: "failing", since: T0 + HOUR });
    flaky.failure = undefined;
    clock.advance(HOUR);
    await cycle.run();
    expect(await stateOf("flaky")).toMatchObject({ consecutiveFailures: 0 });
    expect(sourceHealth((await stateOf("flaky"))!).status).toBe("healthy");
  });

  it("waits as long as a server's Retry-After asks", async () => {
    const limited = fakeSource([], "limited");
    limited.failure = Object.assign(new Error("HTTP 429 from board.example"), { retryAfterMs: 2 * HOUR });
    const { clock, cycle } = setup([limited]);
    await cycle.run();
    clock.set(T0 + 2 * HOUR - MINUTE);
    await cycle.run();
    expect(limited.fetches).toBe(1);
    clock.set(T0 + 2 * HOUR);
    await cycle.run();
    expect(limited.fetches).toBe(2);
  });

  it("fetches different hosts in parallel and the sources of one host one at a time", async () => {
    const running = { now: 0, max: 0, perHost: new Map<string, number>() };
    const sources = [
      gatedSource("wwr:a", "weworkremotely.com", running),
      gatedSource("wwr:b", "weworkremotely.com", running),
      gatedSource("remoteok", "remoteok.com", running),
    ];
    const { cycle } = setup(sources);
    const run = cycle.run();
    await until(() => running.now === 2);
    expect(sources.map((s) => s.started)).toEqual([1, 0, 1]);
    for (const source of sources) source.release();
    await until(() => sources[1]!.started === 1);
    sources[1]!.release();
    await run;
    expect(running.max).toBe(2);
    expect(running.perHost.get("weworkremotely.com")).toBe(1);
  });

  it("commits a fast source's jobs and delivers its alerts while a slow host is still answering", async () => {
    const running = { now: 0, max: 0, perHost: new Map<string, number>() };
    const slow = gatedSource("slow", "slow.example", running);
    const fast = fakeSource([makeDraft({ id: "fast:1" })], "fast");
    const store = memoryStore();
    let deliveries = 0;
    const cycle = alertCycle({
      store,
      sources: [slow, fast],
      createMatcher: naiveMatcher,
      clock: fixedClock(),
      log: silentLogger,
      afterCommit: async () => void (deliveries += 1),
    });
    slow.release();
    await cycle.run(); // baseline for both
    await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: T0 });
    fast.add(makeDraft({ id: "fast:2", title: "Rust engineer" }));

    let finished = false;
    const run = cycle.run().then(() => (finished = true));
    await until(async () => (await store.getJob("fast:2")) !== undefined && deliveries === 1);
    expect(await store.pendingAlerts()).toHaveLength(1);
    expect(finished).toBe(false);
    slow.release();
    await run;
  });
});
