import { describe, expect, it } from "vitest";
import { deliveryEngine } from "../../../src/delivery/dispatcher.js";
import { telegramRates } from "../../../src/adapters/telegram/addressing.js";
import { DeliveryError } from "../../../src/delivery/transport.js";
import { ALICE, BOB, chats, harness, telegramLimiters } from "./harness.js";

describe("delivery: sending", () => {
  it("sends every queued alert once and empties the outbox", async () => {
    const h = harness();
    const ids = await h.queue([ALICE, BOB]);
    await h.runAll();
    expect(h.transport.jobIdsOf(ALICE)).toEqual([ids[0]]);
    expect(h.transport.jobIdsOf(BOB)).toEqual([ids[1]]);
    expect(await h.store.pendingAlerts()).toEqual([]);
  });

  it("sends alerts a cycle adds while it runs, as soon as it is woken", async () => {
    const h = harness();
    await h.engine.start();
    const [id] = await h.queue(ALICE);
    await h.engine.wake();
    await h.time.settle();
    expect(h.transport.jobIdsOf(ALICE)).toEqual([id]);
  });

  it("keeps a chat's alerts in the order they were decided", async () => {
    const h = harness();
    const ids = await h.queue(ALICE, 4);
    await h.runAll();
    expect(h.transport.jobIdsOf(ALICE)).toEqual(ids);
  });

  it("leaves alerts for a platform that is not running in the outbox", async () => {
    const h = harness();
    await h.queue("discord:channel:7");
    await h.runAll();
    expect(h.transport.attempts).toEqual([]);
    expect(await h.store.pendingAlerts()).toHaveLength(1);
  });

  it("drops the queued alerts of a chat paused meanwhile, sending nothing", async () => {
    const h = harness();
    await h.store.addSubscription({ chat: ALICE, createdBy: "1", query: "rust", createdAt: 0 });
    await h.queue(ALICE, 2);
    await h.store.setPaused(ALICE, true);
    await h.runAll();
    expect(h.transport.attempts).toEqual([]);
    expect(await h.store.pendingAlerts()).toEqual([]);
  });

  it("reports sends, failures by kind and the outbox length since the previous report", async () => {
    const h = harness();
    h.transport.answer(ALICE, new DeliveryError("502 Bad Gateway", "transient"));
    h.transport.answer(BOB, new DeliveryError("429", "rate-limited", 1_000));
    h.transport.answer("telegram:3", new DeliveryError("403 blocked", "permanent"));
    await h.queue(chats(4));
    await h.engine.start();
    await h.time.advance(2_000);
    expect(await h.engine.report()).toEqual({
      queued: 1,
      sent: 2,
      transient: 1,
      rateLimited: 1,
      permanent: 1,
      dropped: 0,
    });
    expect(await h.engine.report()).toEqual({
      queued: 1,
      sent: 0,
      transient: 0,
      rateLimited: 0,
      permanent: 0,
      dropped: 0,
    });
  });

  it("lets the send in flight finish and save its outcome when stopped, and starts no other", async () => {
    const h = harness();
    h.transport.answer(ALICE, "answer-lost");
    await h.queue([ALICE, BOB]);
    const one = deliveryEngine({
      store: h.store,
      transports: [h.transport],
      clock: h.time,
      timers: h.time,
      log: h.log,
      limiters: telegramLimiters(h.time, { ...telegramRates, concurrency: 1 }),
    });
    await one.start();
    await h.time.settle();
    const stopped = one.stop();
    await h.time.advance(60_000);
    await stopped;
    expect(h.transport.attempts.map((a) => a.chat)).toEqual([ALICE]);
    expect((await h.store.pendingAlerts()).map((e) => [e.chat, e.attempts])).toEqual([
      [ALICE, 1],
      [BOB, 0],
    ]);
  });
});

describe("delivery: rate limits and fairness (Telegram)", () => {
  it("never starts more than 30 messages in any second", async () => {
    const h = harness();
    await h.queue(chats(100));
    await h.runAll();
    expect(h.transport.received).toHaveLength(100);
    const perSecond = new Map<number, number>();
    for (const r of h.transport.received) perSecond.set(r.at, (perSecond.get(r.at) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBe(30);
    expect([...perSecond.keys()].map((at) => at - Math.min(...perSecond.keys()))).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it("sends a private chat a burst of three, then waits", async () => {
    const h = harness();
    await h.queue(ALICE, 4);
    await h.runAll();
    expect(h.times(ALICE)).toEqual([0, 0, 0, 3_000]);
  });

  it("does not let one chat with 50 alerts delay 500 chats with one each", async () => {
    const h = harness();
    const big = "telegram:9999";
    const bigJobs = await h.queue(big, 50);
    const small = chats(500);
    await h.queue(small);
    await h.runAll();
    // 501 chats at 30 messages a second: the last round starts 16 s in.
    const lastSmall = Math.max(...small.map((chat) => h.times(chat)[0] ?? Infinity));
    expect(lastSmall).toBeLessThanOrEqual(16_000);
    // The big chat had its one turn in the first round; its other messages wait for the next rounds.
    expect(h.times(big).filter((at) => at < lastSmall)).toEqual([0]);
    expect(h.transport.jobIdsOf(big)).toEqual(bigJobs);
  });
});

describe("delivery: grouping decided at send time", () => {
  it("sends five queued alerts one by one", async () => {
    const h = harness();
    await h.queue(ALICE, 5);
    await h.runAll();
    expect(h.transport.receivedBy(ALICE).map((r) => r.jobIds.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it("sends six alerts queued separately as one grouped message, and removes all six once it is confirmed", async () => {
    const h = harness();
    const ids = await h.queue(ALICE, 6);
    await h.runAll();
    expect(h.transport.receivedBy(ALICE).map((r) => r.jobIds)).toEqual([ids]);
    expect(await h.store.pendingAlerts()).toEqual([]);
  });

  it("sends a backlog of 23 as grouped messages of 10, 10 and 3", async () => {
    const h = harness();
    await h.queue(ALICE, 23);
    await h.runAll();
    expect(h.transport.receivedBy(ALICE).map((r) => r.jobIds.length)).toEqual([10, 10, 3]);
  });

  it("paces each message of an alert the platform splits, within the chat's limits", async () => {
    const h = harness();
    h.transport.jobsPerMessage = 2;
    await h.queue(ALICE, 10);
    await h.queue(BOB);
    await h.runAll();
    expect(h.transport.receivedBy(ALICE).map((r) => r.jobIds.length)).toEqual([2, 2, 2, 2, 2]);
    expect(h.times(ALICE)).toEqual([0, 0, 0, 3_000, 3_000]);
    expect(h.times(BOB)).toEqual([0]);
  });

  it("keeps every alert of a grouped message that failed, and retries them together", async () => {
    const h = harness();
    h.transport.answer(ALICE, new DeliveryError("502 Bad Gateway", "transient"));
    const ids = await h.queue(ALICE, 7);
    await h.engine.start();
    await h.time.settle();
    const pending = await h.store.pendingAlerts();
    expect(pending.map((e) => e.attempts)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    await h.time.runAll();
    expect(h.transport.receivedBy(ALICE).map((r) => r.jobIds)).toEqual([ids]);
  });
});
