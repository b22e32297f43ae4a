/**
 * When a queued alert goes out, given the chat's schedule (README "Schedules"). An outbox entry
 * keeps the time it was decided (createdAt) and its next attempt; its release is worked out from
 * those and the chat's settings as they are now, each time delivery looks at the chat. So nothing
 * is rewritten when a setting changes (/digest off releases what was collected), and a restart
 * finds every collected or held alert where it was, due at the same instant:
 *
 * - collected for a digest: the first digest time after the alert was decided;
 * - held by quiet hours: an instant alert whose attempt falls within them waits for their end;
 * - otherwise: its next attempt, as always.
 */
import type { OutboxEntry, QueryMatch } from "./alert.js";
import {
  DEFAULT_TIME_ZONE,
  inQuietHours,
  nextDigestAt,
  quietHoursEnd,
  type DigestSchedule,
  type Schedule,
} from "./schedule.js";
import type { ChatState, Subscription } from "./subscription.js";

/** Why a released alert waited: it goes out with the others that waited, as one message. */
export type HeldFor = "digest" | "quiet";

/** One chat's schedule, as delivery reads it for one look at the chat's pending alerts. */
export interface ChatTiming {
  /** The chat's schedule for a subscription's jobs: its own, else the chat's digest, else instant. */
  scheduleOf(subscriptionId: string): Schedule;
  /** The first digest time strictly after `after`. */
  digestAfter(schedule: DigestSchedule, after: number): number;
  /** Whether instant `at` is within quiet hours, and until when that stays so. */
  quietAt(at: number): { quiet: boolean; until: number };
}

/** A time span during which an answer stays the same: asked about a later instant within it, no zone math. */
interface Span<T> {
  from: number;
  until: number;
  value: T;
}

/**
 * Pending alerts come in the order they were decided, so consecutive ones mostly fall in the span
 * of the previous answer: each answer is kept with the span it holds for (zone math costs tens of µs).
 */
export function chatTiming(chat: ChatState | undefined, subscriptions: readonly Subscription[]): ChatTiming {
  const own = new Map<string, Schedule>();
  for (const s of subscriptions) if (s.schedule) own.set(s.id, s.schedule);
  const timeZone = chat?.timeZone ?? DEFAULT_TIME_ZONE;
  const quietHours = chat?.quietHours;
  const digests = new Map<string, Span<undefined>>();
  let quiet: Span<boolean> | undefined;
  return {
    scheduleOf: (id) => own.get(id) ?? chat?.digest ?? INSTANT,
    digestAfter(schedule, after) {
      const key = JSON.stringify(schedule);
      const known = digests.get(key);
      if (known && after >= known.from && after < known.until) return known.until;
      const until = nextDigestAt(schedule, timeZone, after);
      digests.set(key, { from: after, until, value: undefined });
      return until;
    },
    quietAt(at) {
      if (!quietHours) return { quiet: false, until: Infinity };
      if (quiet && at >= quiet.from && at < quiet.until) return { quiet: quiet.value, until: quiet.until };
      const inside = inQuietHours(quietHours, timeZone, at);
      const until = inside
        ? quietHoursEnd(quietHours, timeZone, at)
        : nextDigestAt({ every: "day", at: quietHours.from }, timeZone, at);
      quiet = { from: at, until, value: inside };
      return { quiet: inside, until };
    },
  };
}

const INSTANT: Schedule = { every: "instant" };

export interface Release {
  at: number;
  heldFor?: HeldFor;
}

/**
 * An item goes out on the earliest schedule among the subscriptions it matched (one of them
 * instant: at once); an entry's items share their schedules (splitBySchedule), so an entry goes
 * out on the earliest of its items'.
 */
export function releaseOf(entry: OutboxEntry, timing: ChatTiming): Release {
  let digestAt = Infinity;
  // The outbox bound's fold (no items, see store/outbox-bound.ts) follows no subscription: it goes
  // out like an instant alert, after quiet hours.
  let instant = entry.items.length === 0;
  for (const item of entry.items) {
    for (const match of item.matches) {
      const schedule = timing.scheduleOf(match.subscriptionId);
      if (schedule.every === "instant") instant = true;
      else digestAt = Math.min(digestAt, timing.digestAfter(schedule, entry.createdAt));
    }
  }
  if (!instant) return { at: Math.max(entry.nextAttemptAt, digestAt), heldFor: "digest" };
  const attempt = timing.quietAt(entry.nextAttemptAt);
  if (attempt.quiet) return { at: attempt.until, heldFor: "quiet" };
  // Decided during quiet hours that have ended: it still goes out with the others they held.
  if (timing.quietAt(entry.createdAt).quiet) return { at: entry.nextAttemptAt, heldFor: "quiet" };
  return { at: entry.nextAttemptAt };
}

export interface ChatPlan {
  /** Collected or held alerts whose time has come: they go out together, as one digest. */
  released: OutboxEntry[];
  /** "digest" when any of them was collected for one, else "quiet". */
  releasedFor?: HeldFor;
  /** Alerts that go out as they come, in decision order, due or not. */
  instant: OutboxEntry[];
  /** When something of the chat is next due; undefined when nothing is pending. */
  nextAt: number | undefined;
}

/** What of a chat's pending alerts is released at `now`, what goes out as usual, and when to look again. */
export function planChat(pending: readonly OutboxEntry[], timing: ChatTiming, now: number): ChatPlan {
  const plan: ChatPlan = { released: [], instant: [], nextAt: undefined };
  for (const entry of pending) {
    const release = releaseOf(entry, timing);
    plan.nextAt = Math.min(plan.nextAt ?? Infinity, release.at);
    if (!release.heldFor) {
      plan.instant.push(entry);
    } else if (release.at <= now) {
      plan.released.push(entry);
      if (plan.releasedFor !== "digest") plan.releasedFor = release.heldFor;
    }
  }
  return plan;
}

/** The subscriptions' own schedules an item follows, as one key: items with equal keys go out together. */
function scheduleKey(matches: readonly QueryMatch[], own: ReadonlyMap<string, Schedule>): string {
  const keys = matches.map((m) => {
    const schedule = own.get(m.subscriptionId);
    return schedule ? JSON.stringify(schedule) : "chat";
  });
  return [...new Set(keys)].sort().join("|");
}

/**
 * Splits alerts decided together whose jobs follow different schedules (a subscription with its
 * own digest beside one that follows the chat), so that each entry goes out at one time.
 */
export function splitBySchedule(
  entries: readonly OutboxEntry[],
  subscriptions: readonly Subscription[],
): OutboxEntry[] {
  const own = new Map<string, Schedule>();
  for (const s of subscriptions) if (s.schedule) own.set(s.id, s.schedule);
  if (own.size === 0) return entries.slice();
  const split: OutboxEntry[] = [];
  for (const entry of entries) {
    const groups = new Map<string, OutboxEntry["items"]>();
    for (const item of entry.items) {
      const key = scheduleKey(item.matches, own);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    if (groups.size === 1) {
      split.push(entry);
      continue;
    }
    // A job reaches a chat once, so chat + first job stays a unique id (as decideAlerts makes them).
    for (const items of groups.values()) split.push({ ...entry, id: `${entry.chat}#${items[0]?.jobId}`, items });
  }
  return split;
}
