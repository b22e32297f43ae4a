/**
 * The embedded store's log of subscription changes, behind Store.subscriptionChanges: the alert
 * cycle follows it to keep its index of every subscription current without reading them all again
 * (issue 16). Kept in memory only: a restarted process starts its reader from 0 again.
 *
 * One reader: a call with `since` = v tells the log that its reader holds everything up to v, so
 * what came up to v is dropped; a later call with a `since` older than that (a second reader) is a
 * programming error and throws, rather than answer with changes missing. `since` = 0 is always
 * answered, with every subscription as added.
 */
import { matchedPart, type MatchedSubscription, type Subscription } from "../core/subscription.js";
import type { SubscriptionChanges } from "./store.js";

interface Change {
  version: number;
  id: string;
  kind: "added" | "removed";
}

export interface ChangeLog {
  /** The version of the last change; 1 before any, so that the subscriptions loaded count as one. */
  version: number;
  /** The oldest `since` still answered from `changes` (besides 0). */
  start: number;
  changes: Change[];
}

export function emptyChangeLog(): ChangeLog {
  return { version: 1, start: 1, changes: [] };
}

/** Records subscriptions added, or moved to another chat (then `removed` first, under the same version). */
export function recordAdded(log: ChangeLog, ids: readonly string[]): void {
  log.version += 1;
  for (const id of ids) log.changes.push({ version: log.version, id, kind: "added" });
}

export function recordRemoved(log: ChangeLog, ids: readonly string[]): void {
  log.version += 1;
  for (const id of ids) log.changes.push({ version: log.version, id, kind: "removed" });
}

/** Subscriptions per page of Store.allSubscriptions. */
const PAGE = 10_000;

/** Store.allSubscriptions over the subscriptions stored now, in creation order: changes from 0, paged. */
export async function allSubscriptions(
  log: ChangeLog,
  subscriptions: readonly Subscription[],
  take: (page: MatchedSubscription[]) => Promise<void>,
): Promise<number> {
  const { version, added } = changesSince(log, subscriptions, 0);
  for (let start = 0; start < added.length; start += PAGE) await take(added.slice(start, start + PAGE));
  return version;
}

/** The changes after `since`, with `subscriptions` the ones stored now, in creation order. */
export function changesSince(
  log: ChangeLog,
  subscriptions: readonly Subscription[],
  since: number,
): SubscriptionChanges {
  const { version } = log;
  if (since !== 0 && (since < log.start || since > version))
    throw new Error(`subscriptionChanges: since ${since} is outside ${log.start}..${version}; read again from 0`);
  // Its reader holds everything up to `since` (from 0: up to now, once it has read this answer).
  log.start = since === 0 ? version : since;
  const after = log.changes.filter((change) => change.version > log.start);
  log.changes = after;
  if (since === 0) return { version, added: subscriptions.map(matchedPart), removed: [] };
  const addedIds = new Set(after.filter((c) => c.kind === "added").map((c) => c.id));
  const removed = [...new Set(after.filter((c) => c.kind === "removed").map((c) => c.id))];
  return {
    version,
    added: addedIds.size === 0 ? [] : subscriptions.filter((s) => addedIds.has(s.id)).map(matchedPart),
    removed,
  };
}
