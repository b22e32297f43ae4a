/** The store contract: the reads made for many chats or one chat at a time, and subscription changes. */
import { expect, it } from "vitest";
import { matchedPart } from "../../../src/core/subscription.js";
import { makeCommit, makeOutboxEntry, T0 } from "../../fakes/builders.js";
import { ALICE, BOB, GROUP, SUPERGROUP, subscribe, type OpenStore } from "./fixture.js";

export function readsContract(open: OpenStore): void {
  it("reads the states of several chats at once, leaving out chats it does not know", async () => {
    const store = await open();
    await subscribe(store, ALICE);
    await store.setPaused(BOB, true, "kicked");
    const states = await store.getChats([ALICE, BOB, "telegram:404"]);
    expect([...states.keys()].sort()).toEqual([ALICE, BOB].sort());
    expect(states.get(ALICE)).toEqual(await store.getChat(ALICE));
    expect(states.get(BOB)).toEqual({ chat: BOB, cursor: 0, paused: true, pausedReason: "kicked" });
    expect((await store.getChats([])).size).toBe(0);
  });

  it("answers every subscription, in creation order, as changes from version 0", async () => {
    const store = await open();
    const [a, b] = [await subscribe(store, ALICE, "rust"), await subscribe(store, BOB, "go")];
    const changes = await store.subscriptionChanges(0);
    expect(changes.added).toEqual([a, b].map(matchedPart));
    expect(changes.removed).toEqual([]);
    expect(changes.version).toBeGreaterThan(0);
  });

  it("answers only what changed after a version: added, removed, and moved as both", async () => {
    const store = await open();
    const kept = await subscribe(store, ALICE, "rust");
    const dropped = await subscribe(store, BOB, "go");
    const moving = await subscribe(store, GROUP, "python");
    const { version } = await store.subscriptionChanges(0);
    expect(await store.subscriptionChanges(version)).toEqual({ version, added: [], removed: [] });

    const added = await subscribe(store, ALICE, "kotlin");
    await store.removeSubscription(BOB, dropped.id);
    await store.moveChat(GROUP, SUPERGROUP);
    const later = await store.subscriptionChanges(version);
    expect(later.version).toBeGreaterThan(version);
    expect(later.added).toEqual([{ ...moving, chat: SUPERGROUP }, added].map(matchedPart));
    expect(later.removed.sort()).toEqual([dropped.id, moving.id].sort());
    expect(later.added.map((s) => s.id)).not.toContain(kept.id);

    await store.removeAllSubscriptions(ALICE);
    const last = await store.subscriptionChanges(later.version);
    expect(last.added).toEqual([]);
    expect(last.removed.sort()).toEqual([kept.id, added.id].sort());
  });

  it("reads one chat's pending alerts, the first pending alert of each chat (when due), and how many are queued", async () => {
    const store = await open();
    const first = makeOutboxEntry({ chat: ALICE, nextAttemptAt: T0 + 5 });
    const bobs = makeOutboxEntry({ chat: BOB, nextAttemptAt: T0 + 1 });
    const second = makeOutboxEntry({ chat: ALICE, nextAttemptAt: T0 });
    await store.commitCycle(makeCommit({ outbox: [first, bobs, second] }));
    expect(await store.pendingAlertsOf(ALICE)).toEqual([first, second]);
    expect(await store.pendingAlertsOf("telegram:404")).toEqual([]);
    const heads = await store.outboxHeads();
    expect(heads.sort((x, y) => x.chat.localeCompare(y.chat))).toEqual(
      [
        { chat: ALICE, nextAttemptAt: T0 + 5 },
        { chat: BOB, nextAttemptAt: T0 + 1 },
      ].sort((x, y) => x.chat.localeCompare(y.chat)),
    );
    expect(await store.countPendingAlerts()).toBe(3);
    await store.removeAlerts([first.id]);
    expect(await store.countPendingAlerts()).toBe(2);
    expect(await store.outboxHeads()).toContainEqual({ chat: ALICE, nextAttemptAt: T0 });
    await store.updateAlerts([{ ...second, attempts: 1, nextAttemptAt: T0 + 9 }]);
    expect(await store.outboxHeads()).toContainEqual({ chat: ALICE, nextAttemptAt: T0 + 9 });
  });
}
