/**
 * The alert cycle's matcher, kept current from the store (docs/ARCHITECTURE.md): it holds every
 * subscription, paused chats' too (their matches are dropped when alerts are decided). Built once,
 * in slices, then brought up to date from the store's subscription changes, never rebuilt: a
 * million subscriptions take tens of seconds to index, a change takes microseconds.
 */
import type { CycleStore } from "./cycle-store.js";
import type { Logger } from "./logger.js";
import type { MatcherFactory, SubscriptionMatcher } from "./query/matcher.js";
import type { Slices } from "./slices.js";

export interface LiveMatcherDeps {
  store: Pick<CycleStore, "subscriptionChanges" | "allSubscriptions">;
  createMatcher: MatcherFactory;
  log: Logger;
  /** The pauses for the event loop while subscriptions are indexed. */
  slices: Slices;
}

export function liveMatcher({ store, createMatcher, log, slices }: LiveMatcherDeps) {
  let matcher: SubscriptionMatcher | undefined;
  let version = 0;
  // One sync at a time: a sync that finds the matcher half-built waits for it.
  let syncing: Promise<unknown> = Promise.resolve();
  return {
    /** The matcher with every subscription change the store has now. */
    current(): Promise<SubscriptionMatcher> {
      const synced = syncing.then(async () => {
        if (!matcher) {
          // Built page by page as the store reads them: never all of them read and held at once.
          const built = createMatcher(log);
          version = await store.allSubscriptions((page) => built.add(page, slices));
          return (matcher = built);
        }
        const changes = await store.subscriptionChanges(version);
        matcher.remove(changes.removed);
        await matcher.add(changes.added, slices);
        version = changes.version;
        return matcher;
      });
      syncing = synced.catch(() => undefined);
      return synced;
    },
  };
}
