import { describe, expect, it } from "vitest";
import { deliveryEngine } from "../../../src/delivery/dispatcher.js";
import { DeliveryError } from "../../../src/delivery/transport.js";
import { ALICE, BOB, GROUP, harness } from "./harness.js";

describe("delivery: failures", () => {
  it("waits a 429's retry_after before sending to that chat again, without counting an attempt", async () => {
    const h = harness();
    h.transport.answer(ALICE, new DeliveryError("429: retry after 2", "rate-limited", 2_000));
    await h.queue([ALICE, BOB]);
    await h.engine.start();
    await h.time.settle();
    expect((await h.store.pendingAlerts()).map((e) => e.attempts)).toEqual([0]);
    await h.time.runAll();
    expect(h.times(ALICE)).toEqual([2_000]);
    expect(h.times(BOB)).toEqual([0]);
  });

  it("holds every chat of the platform when a 429 is the platform's", async () => {
    const h = harness();
    h.transport.answer(ALICE, new DeliveryError("429 global", "rate-limited", 4_000, undefined, "platform"));
    await h.queue(ALICE);
    await h.engine.start();
    await h.time.settle();
    await h.queue(BOB);
    await h.engine.wake();
    await h.time.runAll();
    expect(h.times(BOB)).toEqual([4_000]);
    expect(h.times(ALICE)).toEqual([4_000]);
  });

  it("retries a transient failure after a backoff that doubles, with jitter, and saves the attempts", async () => {
    const h = harness({ random: () => 0 });
    h.transport.answer(ALICE, ...Array.from({ length: 3 }, () => new DeliveryError("502 Bad Gateway", "transient")));
    await h.queue(ALICE);
    await h.engine.start();
    await h.time.settle();
    expect(await h.store.pendingAlerts()).toMatchObject([{ attempts: 1, nextAttemptAt: h.time.now() + 2_500 }]);
    await h.time.runAll();
    // Jitter 0 halves each wait: 2.5 s, then 5 s, then 10 s.
    expect(h.transport.attempts.map((a) => a.at - h.transport.attempts[0]!.at)).toEqual([0, 2_500, 7_500, 17_500]);
    expect(h.times(ALICE)).toEqual([17_500]);
  });

  it("drops an alert after its last attempt and logs it, while other chats go on", async () => {
    const h = harness();
    h.transport.answer(ALICE, ...Array.from({ length: 8 }, () => new DeliveryError("502 Bad Gateway", "transient")));
    const [dropped] = await h.queue([ALICE, BOB]);
    await h.runAll();
    expect(h.transport.attempts.filter((a) => a.chat === ALICE)).toHaveLength(8);
    expect(h.transport.receivedBy(ALICE)).toEqual([]);
    expect(h.times(BOB)).toEqual([0]);
    expect(await h.store.pendingAlerts()).toEqual([]);
    expect(h.log.at("error")).toMatchObject([
      { message: "alert dropped after repeated failures", fields: { chat: ALICE, jobs: [dropped] } },
    ]);
  });

  it("abandons a send that gets no answer, aborting it, and retries it later", async () => {
    const h = harness({ sendTimeoutMs: 10_000 });
    h.transport.answer(ALICE, "no-answer");
    const [id] = await h.queue(ALICE);
    await h.runAll();
    expect(h.transport.attempts.map((a) => a.at - h.transport.attempts[0]!.at)).toEqual([0, 15_000]);
    expect(h.transport.jobIdsOf(ALICE)).toEqual([id]);
  });

  it("pauses a chat that refuses alerts after one attempt, keeping its subscriptions, until /resume", async () => {
    const h = harness();
    await h.store.addSubscription({ chat: ALICE, createdBy: "1", query: "rust", createdAt: 0 });
    h.transport.answer(ALICE, new DeliveryError("403: Forbidden: bot was blocked by the user", "permanent"));
    await h.queue(ALICE, 3);
    await h.queue(BOB);
    await h.runAll();
    expect(h.transport.attempts.filter((a) => a.chat === ALICE)).toHaveLength(1);
    expect(h.log.at("warn").filter((r) => r.message === "chat refuses alerts: paused")).toHaveLength(1);
    expect(await h.store.getChat(ALICE)).toMatchObject({
      paused: true,
      pausedReason: "403: Forbidden: bot was blocked by the user",
    });
    expect(await h.store.subscriptionsOf(ALICE)).toHaveLength(1);
    expect((await h.store.pendingAlerts()).filter((e) => e.chat === ALICE)).toEqual([]);
    expect(h.times(BOB)).toEqual([0]);

    await h.store.setPaused(ALICE, false);
    const [after] = await h.queue(ALICE);
    await h.engine.wake();
    await h.time.runAll();
    expect(h.transport.jobIdsOf(ALICE)).toEqual([after]);
  });

  it("follows a group that became a supergroup: its subscriptions move and the alert is sent at the new id", async () => {
    const h = harness();
    const supergroup = "telegram:-1009876";
    await h.store.addSubscription({ chat: GROUP, createdBy: "1", query: "rust", createdAt: 0 });
    h.transport.answer(
      GROUP,
      new DeliveryError("400: group chat was upgraded to a supergroup chat", "transient", undefined, supergroup),
    );
    const ids = await h.queue(GROUP, 2);
    await h.runAll();
    expect(h.transport.jobIdsOf(supergroup)).toEqual(ids);
    // One failed send, not one per alert: the second alert went straight to the new address.
    expect(h.transport.attempts.map((a) => a.chat)).toEqual([GROUP, supergroup, supergroup]);
    expect(await h.store.subscriptionsOf(supergroup)).toHaveLength(1);
    expect(await h.store.subscriptionsOf(GROUP)).toEqual([]);
    expect(await h.store.getChat(GROUP)).toBeUndefined();
  });

  it("does not follow a chat that moves back to where it came from", async () => {
    const h = harness();
    const supergroup = "telegram:-1009876";
    h.transport.answer(GROUP, new DeliveryError("moved", "transient", undefined, supergroup));
    h.transport.answer(supergroup, new DeliveryError("moved back", "transient", undefined, GROUP));
    const ids = await h.queue(GROUP);
    await h.runAll();
    expect(h.transport.jobIdsOf(supergroup)).toEqual(ids);
    expect(h.transport.attempts.map((a) => a.chat)).toEqual([GROUP, supergroup, supergroup]);
  });
});

describe("delivery: faults of its own", () => {
  it("logs a turn that fails unexpectedly (a store write) and tries the chat again later, while others go on", async () => {
    const h = harness();
    let writeFails = true;
    // Like the store on disk: the change is made in memory, then saving it fails (once).
    const store = {
      ...h.store,
      async removeAlerts(ids: string[]) {
        await h.store.removeAlerts(ids);
        if (!writeFails) return;
        writeFails = false;
        throw new Error("ENOSPC: no space left on device");
      },
    };
    const engine = deliveryEngine({
      store,
      transports: [h.transport],
      clock: h.time,
      timers: h.time,
      log: h.log,
      random: () => 0.5,
    });
    await h.queue(ALICE, 2);
    await h.queue(BOB);
    await engine.start();
    await h.time.runAll();
    expect(h.log.at("error")).toMatchObject([
      { message: "delivery to a chat failed unexpectedly; trying it again later", fields: { chat: ALICE } },
    ]);
    expect(h.times(ALICE)).toEqual([0, 30_000]);
    expect(h.times(BOB)).toEqual([0]);
    expect(await h.store.pendingAlerts()).toEqual([]);
  });
});
