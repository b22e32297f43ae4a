/** The store contract: following the subscriptions' changes, and reading many chats at once. */
import { expect, it } from "vitest";
import { matchedPart, type MatchedSubscription, type Subscription } from "../../../src/core/subscription.js";
import type { Store } from "../../../src/store/store.js";
import { makeCommit } from "../../fakes/builders.js";
import { ALICE, BOB, GROUP, SUPERGROUP, subscribe, type OpenStore } from "./fixture.js";

/** What the alert cycle does with the changes: removals, then additions, onto what it holds. */
function follower(store: Store) {
  let version = 0;
  const held = new Map<string, MatchedSubscription>();
  return {
    held,
    async follow() {
      const changes = await store.subscriptionChanges(version);
      for (const id of changes.removed) held.delete(id);
      for (const subscription of changes.added) held.set(subscription.id, subscription);
      version = changes.version;
      return changes;
    },
  };
}

async function stored(store: Store): Promise<MatchedSubscription[]> {
  const all = await Promise.all([ALICE, BOB, GROUP, SUPERGROUP].map((chat) => store.subscriptionsOf(chat)));
  return all
    .flat()
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map(matchedPart);
}

export function changesContract(open: OpenStore): void {
  it("gives, from the start, every subscription as added (what matching needs of it), paused chats' too, in creation order", async () => {
    const store = await open();
    const subscriptions = [await subscribe(store, ALICE), await subscribe(store, BOB), await subscribe(store, ALICE)];
    await store.setPaused(BOB, true);
    const changes = await store.subscriptionChanges(0);
    expect(changes.added).toEqual(subscriptions.map(matchedPart));
    expect(changes.removed).toEqual([]);
  });

  it("hands over every subscription page by page, with the version later changes follow from", async () => {
    const store = await open();
    const first = [await subscribe(store, ALICE), await subscribe(store, BOB), await subscribe(store, GROUP, "go")];
    await store.setPaused(BOB, true);
    const pages: MatchedSubscription[][] = [];
    const version = await store.allSubscriptions(async (page) => void pages.push(page));
    expect(pages.flat()).toEqual(first.map(matchedPart));
    const later = await subscribe(store, ALICE, "python");
    await store.removeSubscription(BOB, (first[1] as Subscription).id);
    const changes = await store.subscriptionChanges(version);
    expect([changes.added, changes.removed]).toEqual([[matchedPart(later)], [first[1]?.id]]);
  });

  it("gives, after a version, only what changed since: additions in creation order, removals by id", async () => {
    const store = await open();
    const alices = await subscribe(store, ALICE);
    const bobs = await subscribe(store, BOB);
    const { version } = await store.subscriptionChanges(0);
    const later = [await subscribe(store, GROUP, "go"), await subscribe(store, ALICE, "python")];
    await store.removeSubscription(BOB, bobs.id);
    const changes = await store.subscriptionChanges(version);
    expect(changes.added).toEqual(later.map(matchedPart));
    expect(changes.removed).toEqual([bobs.id]);
    expect(changes.added.map((s) => s.id)).not.toContain(alices.id);
    const again = await store.subscriptionChanges(changes.version);
    expect([again.added, again.removed]).toEqual([[], []]);
  });

  it("counts a subscription made and removed since as removed, not added", async () => {
    const store = await open();
    const { version } = await store.subscriptionChanges(0);
    const brief = await subscribe(store, ALICE);
    await store.removeAllSubscriptions(ALICE);
    const changes = await store.subscriptionChanges(version);
    expect(changes.added).toEqual([]);
    expect(changes.removed).toEqual([brief.id]);
  });

  it("gives a subscription moved to another chat as removed and added under its new chat", async () => {
    const store = await open();
    const sub = await subscribe(store, GROUP);
    const { version } = await store.subscriptionChanges(0);
    await store.moveChat(GROUP, SUPERGROUP);
    const changes = await store.subscriptionChanges(version);
    expect(changes.removed).toEqual([sub.id]);
    expect(changes.added).toEqual([matchedPart({ ...sub, chat: SUPERGROUP })]);
  });

  it("lets a reader that applies removals, then additions, hold exactly the stored subscriptions", async () => {
    const store = await open();
    const reader = follower(store);
    const steps: (() => Promise<unknown>)[] = [
      () => subscribe(store, ALICE),
      () => subscribe(store, GROUP, "go"),
      async () => {
        await subscribe(store, BOB, "python");
        await store.removeSubscription(ALICE, "1");
      },
      () => store.moveChat(GROUP, SUPERGROUP),
      () => store.setPaused(BOB, true),
      async () => {
        await subscribe(store, ALICE, "rust");
        await store.removeAllSubscriptions(BOB);
        await subscribe(store, BOB, "java");
      },
    ];
    for (const step of steps) {
      await step();
      await reader.follow();
      expect([...reader.held.values()].sort((a, b) => Number(a.id) - Number(b.id))).toEqual(await stored(store));
    }
  });

  it("does not count a cycle's match counts as a change", async () => {
    const store = await open();
    const sub = await subscribe(store, ALICE);
    const { version } = await store.subscriptionChanges(0);
    await store.commitCycle(makeCommit({ matchCounts: { [sub.id]: 2 } }));
    const changes = await store.subscriptionChanges(version);
    expect([changes.added, changes.removed]).toEqual([[], []]);
  });

  it("reads the states of the chats that exist among those asked, in one call", async () => {
    const store = await open();
    await subscribe(store, ALICE);
    await subscribe(store, BOB);
    await store.setPaused(BOB, true, "kicked");
    const chats = await store.getChats([ALICE, BOB, "telegram:404"]);
    expect([...chats.keys()].sort()).toEqual([ALICE, BOB]);
    expect(chats.get(ALICE)).toEqual(await store.getChat(ALICE));
    expect(chats.get(BOB)).toEqual({ chat: BOB, cursor: 0, paused: true, pausedReason: "kicked" });
    expect(await store.getChats([])).toEqual(new Map());
  });
}
