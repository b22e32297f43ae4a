/**
 * Issue #18 in the alert cycle: a muted company and a hidden job stay silent in the chat that
 * asked, and only there; an old posting a board lists for the first time is stored, not announced.
 */
import { describe, expect, it } from "vitest";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import { DAY } from "../../../src/core/clock.js";
import { silentLogger } from "../../../src/core/logger.js";
import { naiveMatcher } from "../../../src/core/query/matcher.js";
import { searchJobs } from "../../../src/core/query/search.js";
import { parseQuery } from "../../../src/core/query/parse.js";
import { deliveryEngine } from "../../../src/delivery/dispatcher.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { fakeSource, makeDraft, type FakeSource } from "../../fakes/fake-source.js";
import { manualTime } from "../../fakes/manual-time.js";
import { recordingTransport } from "../../fakes/recording-transport.js";
import { runNamed } from "../../fakes/run-command.js";

const GROUP = "telegram:-100";
const OTHER = "telegram:2";

function pipeline(...boards: FakeSource[]) {
  const store = memoryStore();
  const clock = manualTime();
  const transport = recordingTransport("telegram");
  const cycle = alertCycle({ store, sources: boards, createMatcher: naiveMatcher, clock, log: silentLogger });
  const delivery = deliveryEngine({ store, transports: [transport], clock, timers: clock, log: silentLogger });
  return {
    store,
    clock,
    transport,
    async tick() {
      await clock.advance(60_000);
      await cycle.run();
      await delivery.wake();
      await clock.runAll();
    },
  };
}

describe("muted companies and hidden jobs", () => {
  it("after /mute, that company's next job is not announced in that chat, but is in another chat with the same query", async () => {
    const board = fakeSource([makeDraft({ title: "Old rust job" })]);
    const p = pipeline(board);
    await p.tick();
    await p.store.addSubscription({ chat: GROUP, createdBy: "1", query: "rust", createdAt: p.clock.now() });
    await p.store.addSubscription({ chat: OTHER, createdBy: "2", query: "rust", createdAt: p.clock.now() });
    const answer = await runNamed("mute", { store: p.store, chat: GROUP, args: "acme inc", clock: p.clock });
    expect(answer).toContain("Muted");
    board.add(makeDraft({ id: "board:acme", title: "Rust engineer", company: "ACME, Inc." }));
    board.add(makeDraft({ id: "board:other", title: "Rust developer", company: "Initech" }));
    await p.tick();
    expect(p.transport.jobIdsSentTo(GROUP)).toEqual(["board:other"]);
    expect(p.transport.jobIdsSentTo(OTHER).sort()).toEqual(["board:acme", "board:other"]);
  });

  it("a hidden job is not announced again: not its copy on a second board, nor its repost under a new id", async () => {
    const first = fakeSource([], "first:main");
    const second = fakeSource([], "second:main");
    const p = pipeline(first, second);
    await p.tick();
    await p.store.addSubscription({ chat: GROUP, createdBy: "1", query: "rust", createdAt: p.clock.now() });
    await p.store.addSubscription({ chat: OTHER, createdBy: "2", query: "rust", createdAt: p.clock.now() });
    first.add(makeDraft({ id: "first:1", source: "first", title: "Senior Rust Engineer", company: "Acme" }));
    await p.tick();
    expect(p.transport.jobIdsSentTo(GROUP)).toEqual(["first:1"]);
    const job = await p.store.getJob("first:1");
    await p.store.updateChatFilters(GROUP, { kind: "hide", fingerprint: job?.fingerprint ?? "" });
    // The second board writes the title its own way; the first board reposts the job under a new id.
    second.add(makeDraft({ id: "second:9", source: "second", title: "Sr. Rust Engineer", company: "Acme Inc" }));
    first.add(makeDraft({ id: "first:2", source: "first", title: "Senior Rust Engineer (Remote)", company: "ACME" }));
    first.add(makeDraft({ id: "first:3", source: "first", title: "Rust Engineer II", company: "Acme" }));
    await p.tick();
    expect(p.transport.jobIdsSentTo(GROUP)).toEqual(["first:1", "first:3"]);
    expect(p.transport.jobIdsSentTo(OTHER)).toEqual(["first:1", "first:2", "first:3"]);
  });
});

describe("freshness", () => {
  it("a 400-day-old posting appearing in a feed is stored and found by /latest, but not announced", async () => {
    const board = fakeSource([makeDraft({ title: "Old rust job" })]);
    const p = pipeline(board);
    await p.tick();
    await p.store.addSubscription({ chat: GROUP, createdBy: "1", query: "rust", createdAt: p.clock.now() });
    const now = p.clock.now();
    board.add(makeDraft({ id: "board:ancient", title: "Rust engineer", postedAt: now - 400 * DAY }));
    board.add(makeDraft({ id: "board:month", title: "Rust developer", postedAt: now - 29 * DAY }));
    await p.tick();
    expect(p.transport.jobIdsSentTo(GROUP)).toEqual(["board:month"]);
    const found = searchJobs(parseQuery("rust"), await p.store.recentJobs()).map((job) => job.id);
    expect(found).toContain("board:ancient");
    const latest = await runNamed("latest", { store: p.store, chat: GROUP, args: "rust engineer", clock: p.clock });
    expect(latest).toContain("Rust engineer");
    expect(latest).toContain("400 days ago");
  });
});
