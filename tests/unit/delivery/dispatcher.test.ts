import { describe, expect, it } from "vitest";
import { dispatcher } from "../../../src/delivery/dispatcher.js";
import { DeliveryError } from "../../../src/delivery/transport.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { makeCommit, makeJob, makeOutboxEntry, T0 } from "../../fakes/builders.js";
import { fixedClock } from "../../fakes/clock.js";
import { recordingLogger } from "../../fakes/recording-logger.js";
import { recordingTransport } from "../../fakes/recording-transport.js";

const GROUP = "telegram:-42";
const SUPERGROUP = "telegram:-10042";

async function setup(chat: string, jobCount: number) {
  const store = memoryStore();
  const clock = fixedClock();
  const log = recordingLogger();
  const transport = recordingTransport("telegram");
  await store.addSubscription({ chat, createdBy: "1", query: "rust", createdAt: T0 });
  const jobs = Array.from({ length: jobCount }, () => makeJob());
  await store.commitCycle(makeCommit({ newJobs: jobs, outbox: jobs.map((job) => makeOutboxEntry({ chat, jobIds: [job.id] })) }));
  return { store, clock, log, transport, jobs, delivery: dispatcher({ store, transports: [transport], clock, log }) };
}

describe("the dispatcher", () => {
  it("follows a chat that moved: its subscriptions go along, and its alerts are sent at the new address", async () => {
    const { store, transport, jobs, delivery } = await setup(GROUP, 2);
    transport.failures.set(GROUP, new DeliveryError("400: group chat was upgraded", "transient", undefined, SUPERGROUP));

    const report = await delivery.deliverDue();

    // The second alert goes straight to the new address: one failed send, not one per alert.
    expect(report).toMatchObject({ sent: 2, failed: 0, pending: 0 });
    expect(transport.jobIdsSentTo(SUPERGROUP)).toEqual(jobs.map((j) => j.id));
    expect((await store.subscriptionsOf(SUPERGROUP)).map((s) => s.query)).toEqual(["rust"]);
    expect(await store.subscriptionsOf(GROUP)).toEqual([]);
    expect(await store.getChat(GROUP)).toBeUndefined();
  });

  it("keeps an alert whose chat moves back and forth for a later retry instead of looping", async () => {
    const { store, transport, delivery } = await setup(GROUP, 1);
    transport.failures.set(GROUP, new DeliveryError("moved", "transient", undefined, SUPERGROUP));
    transport.failures.set(SUPERGROUP, new DeliveryError("moved", "transient", undefined, GROUP));

    const report = await delivery.deliverDue();

    expect(report).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    expect((await store.pendingAlerts())[0]?.attempts).toBe(1);
  });

  it("pauses a chat that refuses alerts after one attempt, logging it once", async () => {
    const { store, transport, log, delivery } = await setup(GROUP, 3);
    let attempts = 0;
    const send = transport.send;
    transport.send = async (alert) => {
      attempts += 1;
      return send(alert);
    };
    transport.failures.set(GROUP, new DeliveryError("403: Forbidden: bot was blocked by the user", "permanent"));

    await delivery.deliverDue();
    await delivery.deliverDue();

    expect(attempts).toBe(1);
    expect(await store.getChat(GROUP)).toMatchObject({ paused: true, pausedReason: "403: Forbidden: bot was blocked by the user" });
    expect(await store.pendingAlerts()).toEqual([]);
    expect(log.at("warn").filter((r) => r.message === "chat refuses alerts: paused")).toHaveLength(1);
  });

  it("waits exactly as long as the platform asked after a 429", async () => {
    const { store, clock, transport, delivery } = await setup(GROUP, 1);
    transport.failures.set(GROUP, new DeliveryError("429: Too Many Requests", "rate-limited", 7_000));
    await delivery.deliverDue();
    expect((await store.pendingAlerts())[0]?.nextAttemptAt).toBe(clock.now() + 7_000);

    transport.failures.clear();
    clock.advance(6_999);
    expect((await delivery.deliverDue()).sent).toBe(0);
    clock.advance(1);
    expect((await delivery.deliverDue()).sent).toBe(1);
  });
});
