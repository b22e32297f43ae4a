/** The store contract: what one cycle commit does, and the outbox. */
import { expect, it } from "vitest";
import { initialSourceState } from "../../../src/core/source-state.js";
import { makeCommit, makeJob, makeOutboxEntry, T0 } from "../../fakes/builders.js";
import { ALICE, BOB, storeJobs, subscribe, type OpenStore } from "./fixture.js";

export function cycleContract(open: OpenStore): void {
  it("stores new jobs and raises lastSeq to the highest new seq", async () => {
    const store = await open();
    const [a, b] = [makeJob(), makeJob()];
    await store.commitCycle(makeCommit({ newJobs: [b, a] }));
    expect(await store.lastSeq()).toBe(b.seq);
    expect(await store.getJob(a.id)).toEqual(a);
    expect((await store.recentJobs()).map((j) => j.id)).toEqual([b.id, a.id]);
  });

  it("refuses new jobs at or below lastSeq or with an id already used, and changes nothing", async () => {
    const store = await open();
    const job = makeJob();
    await storeJobs(store, job);
    const sub = await subscribe(store, ALICE);
    const twin = makeJob();
    const faulty = [[makeJob({ seq: job.seq })], [makeJob({ id: job.id })], [twin, makeJob({ id: twin.id })]];
    for (const newJobs of faulty) {
      const commit = makeCommit({ newJobs, outbox: [makeOutboxEntry()], matchCounts: { [sub.id]: 1 } });
      await expect(store.commitCycle(commit)).rejects.toThrow(newJobs.at(-1)?.id);
    }
    expect(await store.recentJobs()).toEqual([job]);
    expect(await store.pendingAlerts()).toEqual([]);
    expect(await store.subscriptionsOf(ALICE)).toEqual([sub]);
  });

  it("replaces updated jobs, keeping their seq, and recognises them by their new URL", async () => {
    const store = await open();
    const [a, b] = [makeJob(), makeJob()];
    await storeJobs(store, a, b);
    const filled = {
      ...a,
      salary: { min: 90_000, currency: "EUR", period: "year" as const },
      url: "https://jobs.example.com/moved",
    };
    await store.commitCycle(makeCommit({ updatedJobs: [{ ...filled, seq: 999 }] }));
    expect(await store.getJob(a.id)).toEqual(filled);
    expect(
      await store.findSameJob({ id: "x:1", fingerprint: "x", url: "https://www.jobs.example.com/moved/" }),
    ).toEqual(filled);
    expect((await store.recentJobs()).map((j) => j.id)).toEqual([b.id, a.id]);
    expect(await store.lastSeq()).toBe(b.seq);
  });

  it("upserts source states by id", async () => {
    const store = await open();
    const wwr = { ...initialSourceState("weworkremotely:devops"), baselineDone: true, jobsSeen: 5 };
    const remoteok = initialSourceState("remoteok");
    await store.commitCycle(makeCommit({ sourceStates: [wwr, remoteok] }));
    const failing = { ...wwr, consecutiveFailures: 1, failingSince: T0, lastError: "HTTP 503" };
    await store.commitCycle(makeCommit({ sourceStates: [failing] }));
    const states = await store.sourceStates();
    expect(states).toHaveLength(2);
    expect(states).toEqual(expect.arrayContaining([failing, remoteok]));
  });

  it("appends the cycle's alerts to the outbox", async () => {
    const store = await open();
    const [first, second, third] = [makeOutboxEntry(), makeOutboxEntry({ chat: BOB }), makeOutboxEntry()];
    await store.commitCycle(makeCommit({ outbox: [first, second] }));
    await store.commitCycle(makeCommit({ outbox: [third] }));
    expect(await store.pendingAlerts()).toEqual([first, second, third]);
  });

  it("moves every chat's cursor, paused or not, and creates no chat", async () => {
    const store = await open();
    await subscribe(store, ALICE);
    await store.setPaused(BOB, true);
    const job = makeJob();
    await store.commitCycle(makeCommit({ newJobs: [job], cursor: job.seq }));
    const chats = await store.getChats([ALICE, BOB, "telegram:404"]);
    expect([...chats.values()].map((chat) => chat.cursor)).toEqual([job.seq, job.seq]);
    expect((await store.getChat(ALICE))?.cursor).toBe(job.seq);
    expect(await store.getChat("telegram:404")).toBeUndefined();
  });

  it("never moves a cursor back, whether a later commit's is lower or the chat's own is higher", async () => {
    const store = await open();
    await subscribe(store, ALICE);
    const [first, second] = [makeJob(), makeJob()];
    await store.commitCycle(makeCommit({ newJobs: [first, second], cursor: second.seq }));
    await store.commitCycle(makeCommit({ cursor: first.seq }));
    expect((await store.getChat(ALICE))?.cursor).toBe(second.seq);
    const third = makeJob();
    await store.commitCycle(makeCommit({ newJobs: [third] }));
    await subscribe(store, BOB);
    expect((await store.getChat(BOB))?.cursor).toBe(third.seq);
  });

  it("adds each subscription's matches to its count, ignoring removed subscriptions", async () => {
    const store = await open();
    const rust = await subscribe(store, ALICE, "rust");
    const go = await subscribe(store, ALICE, "go");
    const gone = await subscribe(store, ALICE, "gone");
    await store.commitCycle(makeCommit({ matchCounts: { [rust.id]: 2, [gone.id]: 1 } }));
    await store.removeSubscription(ALICE, gone.id);
    await store.commitCycle(makeCommit({ matchCounts: { [rust.id]: 1, [go.id]: 4, "999": 1 } }));
    expect((await store.subscriptionsOf(ALICE)).map((s) => s.matchCount)).toEqual([3, 4]);
  });

  it("keeps the match counts through pruning, and counts on after it", async () => {
    const store = await open();
    const rust = await subscribe(store, ALICE, "rust");
    await store.commitCycle(makeCommit({ matchCounts: { [rust.id]: 2 } }));
    await store.pruneJobs(T0, T0);
    expect((await store.subscriptionsOf(ALICE)).map((s) => s.matchCount)).toEqual([2]);
    await store.commitCycle(makeCommit({ matchCounts: { [rust.id]: 3 } }));
    expect((await store.subscriptionsOf(ALICE)).map((s) => s.matchCount)).toEqual([5]);
    await store.pruneJobs(T0, T0);
    expect((await store.subscriptionsOf(ALICE)).map((s) => s.matchCount)).toEqual([5]);
  });

  it("updates pending alerts after a failed send, and never brings back a removed one", async () => {
    const store = await open();
    const [a, b] = [makeOutboxEntry(), makeOutboxEntry()];
    await store.commitCycle(makeCommit({ outbox: [a, b] }));
    await store.removeAlerts([b.id]);
    const retried = { ...a, attempts: 1, nextAttemptAt: T0 + 30_000 };
    await store.updateAlerts([retried, { ...b, attempts: 1 }]);
    expect(await store.pendingAlerts()).toEqual([retried]);
  });

  it("removes only the confirmed alerts, ignoring unknown ids", async () => {
    const store = await open();
    const [a, b, c] = [makeOutboxEntry(), makeOutboxEntry(), makeOutboxEntry()];
    await store.commitCycle(makeCommit({ outbox: [a, b, c] }));
    await store.removeAlerts([a.id, c.id, "alert-unknown"]);
    expect(await store.pendingAlerts()).toEqual([b]);
    await store.removeAlerts([]);
    expect(await store.pendingAlerts()).toEqual([b]);
  });
}
