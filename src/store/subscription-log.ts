/**
 * Which subscriptions changed, for Store.subscriptionChanges on the stores that keep their data in
 * memory. Versions count changes since the store opened and are not saved: a version only means
 * something to the process that was given it, and a caller starting afresh asks from 0, which
 * answers every subscription.
 */
import type { StoreData } from "./data.js";
import type { SubscriptionChanges } from "./store.js";

export function subscriptionLog(data: StoreData) {
  let version = 0;
  /** The version at which each subscription was added or moved; loaded ones count as 0. */
  const addedAt = new Map<string, number>();
  const removals: { version: number; id: string }[] = [];

  return {
    added(ids: readonly string[]): void {
      version += 1;
      for (const id of ids) addedAt.set(id, version);
    },
    removed(ids: readonly string[]): void {
      if (ids.length === 0) return;
      version += 1;
      for (const id of ids) {
        addedAt.delete(id);
        removals.push({ version, id });
      }
    },
    /** A subscription that moved to another chat is removed and added again, under its own id. */
    moved(ids: readonly string[]): void {
      if (ids.length === 0) return;
      this.removed(ids);
      for (const id of ids) addedAt.set(id, version);
    },
    since(since: number): SubscriptionChanges {
      return {
        version,
        added: data.subscriptions.filter((s) => since === 0 || (addedAt.get(s.id) ?? 0) > since),
        // From the start, the caller holds nothing that could need removing.
        removed: since === 0 ? [] : removals.filter((r) => r.version > since).map((r) => r.id),
      };
    },
  };
}
