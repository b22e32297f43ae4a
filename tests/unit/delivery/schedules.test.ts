/**
 * Delivery on a chat's schedule: digests collected and sent at their local time, quiet hours held
 * and released as one message, /pause winning, and restarts. Time is 2026-01-01T00:00Z (T0), a
 * Thursday, and moves only when a test moves it.
 */
import { describe, expect, it } from "vitest";
import type { QueryMatch } from "../../../src/core/alert.js";
import { HOUR, MINUTE } from "../../../src/core/clock.js";
import { deliveryEngine } from "../../../src/delivery/dispatcher.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import type { Store } from "../../../src/store/store.js";
import { makeCommit, makeJob, makeOutboxEntry } from "../../fakes/builders.js";
import { manualTime, type ManualTime } from "../../fakes/manual-time.js";
import { recordingLogger } from "../../fakes/recording-logger.js";
import { recordingTransport } from "../../fakes/recording-transport.js";

const ALICE = "telegram:1";
const BOB = "telegram:2";
const at = (hh: number, mm = 0) => hh * 60 + mm;

function world(store: Store = memoryStore(), time: ManualTime = manualTime()) {
  const transport = recordingTransport("telegram");
  const engine = deliveryEngine({
    store,
    transports: [transport],
    clock: time,
    timers: time,
    log: recordingLogger(),
    random: () => 0.5,
  });
  /** Commits one job per subscription given, each job its own alert decided now. */
  async function decide(chat: string, ...subscriptions: { id: string; query: string }[]): Promise<string[]> {
    const jobs = subscriptions.map(() => makeJob({ firstSeenAt: time.now() }));
    const outbox = jobs.map((job, i) => {
      const sub = subscriptions[i] as { id: string; query: string };
      const matches: QueryMatch[] = [{ subscriptionId: sub.id, query: sub.query, words: [sub.query] }];
      return {
        ...makeOutboxEntry({ chat, createdAt: time.now(), nextAttemptAt: time.now() }),
        items: [{ jobId: job.id, matches }],
      };
    });
    await store.commitCycle(makeCommit({ newJobs: jobs, outbox }));
    await engine.wake();
    await time.settle();
    return jobs.map((job) => job.id);
  }
  return { store, time, transport, engine, decide };
}

async function subscribed(store: Store, chat: string, query = "rust") {
  const sub = await store.addSubscription({ chat, createdBy: "1", query, createdAt: 0 });
  return { id: sub.id, query };
}

describe("delivery on a schedule", () => {
  it("collects a digest chat's alerts and sends them all as one digest at the local time, none before", async () => {
    const w = world();
    const rust = await subscribed(w.store, ALICE);
    await w.store.updateChatSettings(ALICE, { timeZone: "Europe/Berlin", digest: { every: "day", at: at(8, 30) } });
    await w.engine.start();
    const ids = [...(await w.decide(ALICE, rust)), ...(await w.decide(ALICE, rust, rust))];

    await w.time.advance(7 * HOUR + 29 * MINUTE); // 08:29 in Berlin
    expect(w.transport.sent).toEqual([]);
    await w.time.advance(MINUTE);
    expect(w.transport.sent).toHaveLength(1);
    const [digest] = w.transport.sent;
    expect(digest?.digest?.heldFor).toBe("digest");
    expect(digest?.digest?.groups.map((g) => g.items.map((i) => i.job.id))).toEqual([ids.slice().reverse()]);
    expect(await w.store.pendingAlerts()).toEqual([]);
  });

  it("sends each job of an instant chat at once beside a digest chat", async () => {
    const w = world();
    const alices = await subscribed(w.store, ALICE);
    const bobs = await subscribed(w.store, BOB);
    await w.store.updateChatSettings(ALICE, { digest: { every: "day", at: at(9) } });
    await w.engine.start();
    const [forBob] = await w.decide(BOB, bobs);
    await w.decide(ALICE, alices);
    expect(w.transport.jobIdsSentTo(BOB)).toEqual([forBob]);
    expect(w.transport.sentTo(ALICE)).toEqual([]);
  });

  it("holds alerts during quiet hours across midnight and sends them as one grouped message when they end", async () => {
    const w = world();
    const rust = await subscribed(w.store, ALICE);
    await w.store.updateChatSettings(ALICE, { quietHours: { from: at(23), to: at(0, 30) } }); // now: 00:00 UTC
    await w.engine.start();
    const ids = [...(await w.decide(ALICE, rust)), ...(await w.decide(ALICE, rust))];
    await w.time.advance(29 * MINUTE);
    expect(w.transport.sent).toEqual([]);
    await w.time.advance(MINUTE);
    expect(w.transport.sent).toHaveLength(1);
    expect(w.transport.sent[0]?.digest?.heldFor).toBe("quiet");
    expect(w.transport.jobIdsSentTo(ALICE).sort()).toEqual(ids.sort());
    // After quiet hours, alerts go out at once again.
    const [later] = await w.decide(ALICE, rust);
    expect(w.transport.sent.at(-1)?.items.map((i) => i.job.id)).toEqual([later]);
    expect(w.transport.sent.at(-1)?.digest).toBeUndefined();
  });

  it("sends a subscription with its own daily digest apart from the chat's instant alerts", async () => {
    const w = world();
    const rust = await subscribed(w.store, ALICE, "rust");
    const go = await subscribed(w.store, ALICE, "go");
    await w.store.setSubscriptionSchedule(ALICE, go.id, { every: "day", at: at(6) });
    await w.engine.start();
    const [rustJob, goJob] = await w.decide(ALICE, rust, go);
    expect(w.transport.jobIdsSentTo(ALICE)).toEqual([rustJob]);
    await w.time.advance(6 * HOUR);
    expect(w.transport.jobIdsSentTo(ALICE)).toEqual([rustJob, goJob]);
    expect(w.transport.sent.at(-1)?.digest?.groups.map((g) => g.query)).toEqual(["go"]);
  });

  it("lets a subscription stay instant in a digest chat, and weekly beside daily", async () => {
    const w = world();
    const rust = await subscribed(w.store, ALICE, "rust");
    const go = await subscribed(w.store, ALICE, "go");
    const php = await subscribed(w.store, ALICE, "php");
    await w.store.updateChatSettings(ALICE, { digest: { every: "day", at: at(7) } });
    await w.store.setSubscriptionSchedule(ALICE, go.id, { every: "instant" });
    await w.store.setSubscriptionSchedule(ALICE, php.id, { every: "week", day: 1, at: at(7) }); // Monday
    await w.engine.start();
    const [rustJob, goJob, phpJob] = await w.decide(ALICE, rust, go, php);
    expect(w.transport.jobIdsSentTo(ALICE)).toEqual([goJob]);
    await w.time.advance(7 * HOUR); // Thursday 07:00
    expect(w.transport.jobIdsSentTo(ALICE)).toEqual([goJob, rustJob]);
    await w.time.advance(4 * 24 * HOUR); // Monday 07:00
    expect(w.transport.jobIdsSentTo(ALICE)).toEqual([goJob, rustJob, phpJob]);
  });

  it("sends nothing at the digest time when nothing matched", async () => {
    const w = world();
    await subscribed(w.store, ALICE);
    await w.store.updateChatSettings(ALICE, { digest: { every: "day", at: at(1) } });
    await w.engine.start();
    await w.time.advance(25 * HOUR);
    expect(w.transport.sent).toEqual([]);
  });

  it("drops a collected digest when the chat pauses: /pause wins", async () => {
    const w = world();
    const rust = await subscribed(w.store, ALICE);
    await w.store.updateChatSettings(ALICE, { digest: { every: "day", at: at(1) } });
    await w.engine.start();
    await w.decide(ALICE, rust);
    await w.store.setPaused(ALICE, true);
    await w.time.advance(2 * HOUR);
    expect(w.transport.sent).toEqual([]);
    expect(await w.store.pendingAlerts()).toEqual([]);
  });

  it("releases what was collected at once when the digest is turned off", async () => {
    const w = world();
    const rust = await subscribed(w.store, ALICE);
    await w.store.updateChatSettings(ALICE, { digest: { every: "day", at: at(9) } });
    await w.engine.start();
    const [id] = await w.decide(ALICE, rust);
    await w.store.updateChatSettings(ALICE, { digest: null });
    await w.engine.wake();
    await w.time.settle();
    expect(w.transport.jobIdsSentTo(ALICE)).toEqual([id]);
  });

  it("sends after a restart a digest that came due while the bot was down, once", async () => {
    const store = memoryStore();
    const time = manualTime();
    const first = world(store, time);
    const rust = await subscribed(store, ALICE);
    await store.updateChatSettings(ALICE, { digest: { every: "day", at: at(2) } });
    await first.engine.start();
    const ids = await first.decide(ALICE, rust, rust);
    await first.engine.stop();
    await time.advance(3 * HOUR);
    expect(first.transport.sent).toEqual([]);

    const second = world(store, time);
    await second.engine.start();
    await time.settle();
    expect(second.transport.sent).toHaveLength(1);
    expect(second.transport.jobIdsSentTo(ALICE).sort()).toEqual(ids.sort());
    await time.advance(48 * HOUR);
    expect(second.transport.sent).toHaveLength(1);
  });
});
