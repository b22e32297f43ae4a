/** The store contract: pruning old jobs. */
import { expect, it } from "vitest";
import { DAY } from "../../../src/core/clock.js";
import { REMEMBER_PRUNED_MS } from "../../../src/store/cycle-ops.js";
import { makeCommit, makeJob, makeOutboxEntry, T0 } from "../../fakes/builders.js";
import { ALICE, storeJobs, subscribe, type OpenStore } from "./fixture.js";

/** Pruning as the bot runs it: at NOW, deleting what was first seen before T0 = NOW − RETENTION. */
const RETENTION = 30 * DAY;
const NOW = T0 + RETENTION;

export function pruneContract(open: OpenStore): void {
  it("deletes jobs first seen before the cutoff and says how many", async () => {
    const store = await open();
    const [old, older, fresh] = [
      makeJob({ firstSeenAt: T0 - DAY }),
      makeJob({ firstSeenAt: T0 - 2 * DAY }),
      makeJob({ firstSeenAt: T0 }),
    ];
    await storeJobs(store, old, older, fresh);
    expect(await store.pruneJobs(T0, NOW)).toBe(2);
    expect(await store.recentJobs()).toEqual([fresh]);
    expect(await store.getJob(old.id)).toBeUndefined();
    expect(await store.findSameJob(old)).toBeUndefined();
    expect(await store.pruneJobs(T0, NOW)).toBe(0);
  });

  it("keeps jobs a pending alert refers to, until the alert is gone", async () => {
    const store = await open();
    const [alerted, other] = [makeJob({ firstSeenAt: T0 - DAY }), makeJob({ firstSeenAt: T0 - DAY })];
    const alert = makeOutboxEntry({ jobIds: [alerted.id] });
    await store.commitCycle(makeCommit({ newJobs: [alerted, other], outbox: [alert] }));
    expect(await store.pruneJobs(T0, NOW)).toBe(1);
    expect(await store.getJob(alerted.id)).toEqual(alerted);
    await store.removeAlerts([alert.id]);
    expect(await store.pruneJobs(T0, NOW)).toBe(1);
    expect(await store.getJob(alerted.id)).toBeUndefined();
  });

  it("drops alerts queued for longer than the window (their platform never ran), then their jobs", async () => {
    const store = await open();
    const job = makeJob({ firstSeenAt: T0 - 2 * DAY });
    const stale = makeOutboxEntry({ jobIds: [job.id], createdAt: T0 - 2 * DAY });
    await store.commitCycle(makeCommit({ newJobs: [job], outbox: [stale] }));
    expect(await store.pruneJobs(T0 - DAY, NOW - DAY)).toBe(1);
    expect(await store.pendingAlerts()).toEqual([]);
  });

  it("never lowers lastSeq, so new subscriptions and later jobs stay after pruned ones", async () => {
    const store = await open();
    const job = makeJob({ firstSeenAt: T0 - DAY });
    await storeJobs(store, job);
    await store.pruneJobs(T0, NOW);
    expect(await store.lastSeq()).toBe(job.seq);
    expect((await subscribe(store, ALICE)).sinceSeq).toBe(job.seq);
    await expect(storeJobs(store, makeJob({ seq: job.seq }))).rejects.toThrow();
  });

  it("remembers a pruned job by id and by fingerprint, so its board listing it again is not news", async () => {
    const store = await open();
    const job = makeJob({ firstSeenAt: T0 - DAY });
    await storeJobs(store, job);
    expect(await store.wasPruned(job)).toBe(false);
    await store.pruneJobs(T0, NOW);
    expect(await store.wasPruned(job)).toBe(true);
    expect(await store.wasPruned({ id: "other:1", fingerprint: job.fingerprint })).toBe(true);
    expect(await store.wasPruned({ id: "other:1", fingerprint: "other|job" })).toBe(false);
  });

  it("keeps remembering a pruned job while its board lists it, and forgets it a window after it stops", async () => {
    const store = await open();
    const job = makeJob({ firstSeenAt: T0 - DAY });
    await storeJobs(store, job);
    await store.pruneJobs(T0, NOW);
    const later = NOW + REMEMBER_PRUNED_MS;
    await store.commitCycle(makeCommit({ prunedSeen: { at: later, jobs: [job] } }));
    const pruneAt = (now: number) => store.pruneJobs(now - RETENTION, now);
    await pruneAt(later + REMEMBER_PRUNED_MS - DAY);
    expect(await store.wasPruned(job)).toBe(true);
    await pruneAt(later + REMEMBER_PRUNED_MS + DAY);
    expect(await store.wasPruned(job)).toBe(false);
  });

  it("forgets a pruned job no board lists again a window after it was pruned", async () => {
    const store = await open();
    const job = makeJob({ firstSeenAt: T0 - DAY });
    await storeJobs(store, job);
    await store.pruneJobs(T0, NOW);
    const pruneAt = (now: number) => store.pruneJobs(now - RETENTION, now);
    await pruneAt(NOW + REMEMBER_PRUNED_MS - DAY);
    expect(await store.wasPruned(job)).toBe(true);
    await pruneAt(NOW + REMEMBER_PRUNED_MS + DAY);
    expect(await store.wasPruned(job)).toBe(false);
  });
}
