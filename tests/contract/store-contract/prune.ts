/** The store contract: pruning old jobs. */
import { expect, it } from "vitest";
import { DAY } from "../../../src/core/clock.js";
import { makeCommit, makeJob, makeOutboxEntry, T0 } from "../../fakes/builders.js";
import { ALICE, storeJobs, subscribe, type OpenStore } from "./fixture.js";

export function pruneContract(open: OpenStore): void {
  it("deletes jobs first seen before the cutoff and says how many", async () => {
    const store = await open();
    const [old, older, fresh] = [makeJob({ firstSeenAt: T0 - DAY }), makeJob({ firstSeenAt: T0 - 2 * DAY }), makeJob({ firstSeenAt: T0 })];
    await storeJobs(store, old, older, fresh);
    expect(await store.pruneJobs(T0)).toBe(2);
    expect(await store.recentJobs()).toEqual([fresh]);
    expect(await store.getJob(old.id)).toBeUndefined();
    expect(await store.findSameJob(old)).toBeUndefined();
    expect(await store.pruneJobs(T0)).toBe(0);
  });

  it("keeps jobs a pending alert refers to, until the alert is gone", async () => {
    const store = await open();
    const [alerted, other] = [makeJob({ firstSeenAt: T0 - DAY }), makeJob({ firstSeenAt: T0 - DAY })];
    const alert = makeOutboxEntry({ jobIds: [alerted.id] });
    await store.commitCycle(makeCommit({ newJobs: [alerted, other], outbox: [alert] }));
    expect(await store.pruneJobs(T0)).toBe(1);
    expect(await store.getJob(alerted.id)).toEqual(alerted);
    await store.removeAlerts([alert.id]);
    expect(await store.pruneJobs(T0)).toBe(1);
    expect(await store.getJob(alerted.id)).toBeUndefined();
  });

  it("never lowers lastSeq, so new subscriptions and later jobs stay after pruned ones", async () => {
    const store = await open();
    const job = makeJob({ firstSeenAt: T0 - DAY });
    await storeJobs(store, job);
    await store.pruneJobs(T0);
    expect(await store.lastSeq()).toBe(job.seq);
    expect((await subscribe(store, ALICE)).sinceSeq).toBe(job.seq);
    await expect(storeJobs(store, makeJob({ seq: job.seq }))).rejects.toThrow();
  });
}
