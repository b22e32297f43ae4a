/** The store contract: subscriptions and chat state. */
import { expect, it } from "vitest";
import { makeCommit, makeJob, makeOutboxEntry } from "../../fakes/builders.js";
import { ALICE, BOB, GROUP, SUPERGROUP, storeJobs, subscribe, type OpenStore } from "./fixture.js";

export function subscriptionContract(open: OpenStore): void {
  it("gives every subscription a new decimal id and never reuses one after removal", async () => {
    const store = await open();
    const first = await subscribe(store, ALICE);
    const second = await subscribe(store, BOB);
    expect([first.id, second.id]).toEqual(["1", "2"]);
    await store.removeSubscription(BOB, second.id);
    expect((await subscribe(store, BOB)).id).toBe("3");
  });

  it("records what was asked, sinceSeq = lastSeq and no matches yet", async () => {
    const store = await open();
    const job = makeJob();
    await storeJobs(store, job);
    const sub = await store.addSubscription({ chat: ALICE, createdBy: "7", query: "go -php", createdAt: 1234 });
    expect(sub).toEqual({
      id: sub.id,
      chat: ALICE,
      createdBy: "7",
      query: "go -php",
      createdAt: 1234,
      sinceSeq: job.seq,
      matchCount: 0,
    });
    expect(await store.subscriptionsOf(ALICE)).toEqual([sub]);
  });

  it("creates the chat on its first subscription with its cursor at lastSeq, not paused", async () => {
    const store = await open();
    const job = makeJob();
    await storeJobs(store, job);
    expect(await store.getChat(ALICE)).toBeUndefined();
    await subscribe(store, ALICE);
    expect(await store.getChat(ALICE)).toEqual({ chat: ALICE, cursor: job.seq, paused: false });
  });

  it("leaves an existing chat's state alone when it subscribes again", async () => {
    const store = await open();
    await subscribe(store, ALICE);
    await store.setPaused(ALICE, true);
    await storeJobs(store, makeJob());
    await subscribe(store, ALICE, "python");
    expect(await store.getChat(ALICE)).toEqual({ chat: ALICE, cursor: 0, paused: true });
  });

  it("removes a chat's own subscription, and answers false for another chat's id or an unknown id", async () => {
    const store = await open();
    const alices = await subscribe(store, ALICE);
    const bobs = await subscribe(store, BOB);
    expect(await store.removeSubscription(ALICE, bobs.id)).toBe(false);
    expect(await store.removeSubscription(ALICE, "999")).toBe(false);
    expect(await store.removeSubscription(ALICE, alices.id)).toBe(true);
    expect(await store.removeSubscription(ALICE, alices.id)).toBe(false);
    expect(await store.subscriptionsOf(ALICE)).toEqual([]);
    expect(await store.subscriptionsOf(BOB)).toEqual([bobs]);
  });

  it("removes every subscription of one chat and says how many", async () => {
    const store = await open();
    await subscribe(store, ALICE, "rust");
    await subscribe(store, ALICE, "go");
    const bobs = await subscribe(store, BOB);
    expect(await store.removeAllSubscriptions(ALICE)).toBe(2);
    expect(await store.removeAllSubscriptions(ALICE)).toBe(0);
    expect(await store.countSubscriptions()).toBe(1);
    expect(await store.subscriptionsOf(BOB)).toEqual([bobs]);
  });

  it("lists a chat's subscriptions in the order they were made and counts them across chats", async () => {
    const store = await open();
    const rust = await subscribe(store, ALICE, "rust");
    await subscribe(store, BOB, "go");
    const python = await subscribe(store, ALICE, "python");
    expect(await store.subscriptionsOf(ALICE)).toEqual([rust, python]);
    expect(await store.subscriptionsOf("telegram:404")).toEqual([]);
    expect(await store.countSubscriptions()).toBe(3);
  });

  it("counts a chat as active once however many subscriptions it has, and leaves paused chats out", async () => {
    const store = await open();
    await subscribe(store, ALICE);
    await subscribe(store, BOB);
    await subscribe(store, BOB, "go");
    expect(await store.countActiveChats()).toBe(2);
    await store.setPaused(ALICE, true);
    expect(await store.countActiveChats()).toBe(1);
  });

  it("keeps the cursor when pausing and records why alerts stopped", async () => {
    const store = await open();
    await subscribe(store, ALICE);
    await store.setPaused(ALICE, true, "bot was blocked by the user");
    expect(await store.getChat(ALICE)).toEqual({
      chat: ALICE,
      cursor: 0,
      paused: true,
      pausedReason: "bot was blocked by the user",
    });
  });

  it("resumes at lastSeq, so jobs that came while paused are not replayed, and clears the reason", async () => {
    const store = await open();
    await subscribe(store, ALICE);
    await store.setPaused(ALICE, true, "kicked");
    const meanwhile = makeJob();
    await storeJobs(store, meanwhile);
    await store.setPaused(ALICE, false);
    expect(await store.getChat(ALICE)).toEqual({ chat: ALICE, cursor: meanwhile.seq, paused: false });
    expect(await store.countActiveChats()).toBe(1);
  });

  it("remembers a pause from a chat that has not subscribed yet", async () => {
    const store = await open();
    await store.setPaused(ALICE, true);
    await subscribe(store, ALICE);
    expect((await store.getChat(ALICE))?.paused).toBe(true);
    expect(await store.countActiveChats()).toBe(0);
  });

  it("moves a chat's subscriptions, state and pending alerts to its new address, ids unchanged", async () => {
    const store = await open();
    const sub = await subscribe(store, GROUP);
    const bobs = await subscribe(store, BOB);
    await store.setPaused(GROUP, true);
    const alert = makeOutboxEntry({ chat: GROUP });
    const bobsAlert = makeOutboxEntry({ chat: BOB });
    await store.commitCycle(makeCommit({ outbox: [alert, bobsAlert] }));

    await store.moveChat(GROUP, SUPERGROUP);

    expect(await store.subscriptionsOf(GROUP)).toEqual([]);
    expect(await store.subscriptionsOf(SUPERGROUP)).toEqual([{ ...sub, chat: SUPERGROUP }]);
    expect(await store.getChat(GROUP)).toBeUndefined();
    expect(await store.getChat(SUPERGROUP)).toEqual({ chat: SUPERGROUP, cursor: 0, paused: true });
    expect(await store.pendingAlerts()).toEqual([{ ...alert, chat: SUPERGROUP }, bobsAlert]);
    expect(await store.subscriptionsOf(BOB)).toEqual([bobs]);
  });
}
