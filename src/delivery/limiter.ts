/**
 * Pacing for the sends of one platform: how long a send to a chat must wait so that neither the
 * chat's own limits nor the platform's overall limits are exceeded, and the holds a 429 imposes.
 *
 * A limit is a sliding window: "at most `max` sends in any `windowMs`". A send counts against
 * its windows from the moment it starts (in flight), and once it ends it is stamped with the time
 * its answer came back. The platform counted it at some instant in between, so a window measured
 * from the answer is never shorter than the platform's: delivery can run right at the published
 * limits, with no safety margin, and still never exceed them as the platform sees them
 * (tests/unit/delivery/limiter.test.ts checks this against a platform that counts on arrival).
 */
import { nativeChatId, type ChatId, type Platform } from "../core/chat.js";
import type { RateLimitScope } from "./transport.js";

/** At most `max` sends in any `windowMs`. */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

export interface RatePolicy {
  /** Limits on all sends to the platform together. */
  overall: readonly WindowLimit[];
  /** Limits on the sends to one chat. */
  perChat(chat: ChatId): readonly WindowLimit[];
  /** Most sends in flight at once, each to a different chat. */
  concurrency: number;
}

/** Telegram ids below zero are groups, supergroups and channels; above zero, private chats. */
export const isTelegramGroup = (chat: ChatId): boolean => nativeChatId(chat).startsWith("-");

const TELEGRAM_PRIVATE: readonly WindowLimit[] = [{ max: 3, windowMs: 3_000 }];
// A group is a chat too: its per-minute budget comes on top of the per-chat pace.
const TELEGRAM_GROUP: readonly WindowLimit[] = [...TELEGRAM_PRIVATE, { max: 20, windowMs: 60_000 }];

/**
 * PLATFORM-NOTES: Telegram allows about 30 messages/s overall, 1/s per chat with short bursts
 * (here: 3 in any 3 s), 20/min per group. Discord's limits are discord.js's business (its REST
 * queue reads the rate-limit headers): delivery only caps how many sends wait in that queue. The
 * terminal has no limits; one send at a time keeps alerts in order.
 */
export const RATE_POLICIES: Readonly<Record<Platform, RatePolicy>> = {
  telegram: {
    overall: [{ max: 30, windowMs: 1_000 }],
    perChat: (chat) => (isTelegramGroup(chat) ? TELEGRAM_GROUP : TELEGRAM_PRIVATE),
    concurrency: 10,
  },
  discord: { overall: [], perChat: () => [], concurrency: 10 },
  console: { overall: [], perChat: () => [], concurrency: 1 },
};

/** The sends counted against one limit: those in flight, and the answer times of those done. */
interface Tally {
  limit: WindowLimit;
  inFlight: number;
  /** Answer times still inside the window, ascending. */
  stamps: number[];
}

const tally = (limit: WindowLimit): Tally => ({ limit, inFlight: 0, stamps: [] });

function expire({ limit, stamps }: Tally, now: number): void {
  let expired = 0;
  while (expired < stamps.length && (stamps[expired] as number) <= now - limit.windowMs) expired++;
  stamps.splice(0, expired);
}

/** 0 when one more send fits now; else how long until one does (Infinity: until a send ends). */
function waitOf(t: Tally, now: number): number {
  expire(t, now);
  const used = t.inFlight + t.stamps.length;
  if (used < t.limit.max) return 0;
  // The oldest stamps leave the window first; enough of them must leave to make room for one.
  const freeing = t.stamps[used - t.limit.max];
  return freeing === undefined ? Infinity : freeing + t.limit.windowMs - now;
}

function stamp(t: Tally, at: number): void {
  t.inFlight -= 1;
  let i = t.stamps.length;
  while (i > 0 && (t.stamps[i - 1] as number) > at) i--;
  t.stamps.splice(i, 0, at);
}

interface ChatPace {
  tallies: Tally[];
  holdUntil: number;
}

/** A send that started: call `answered` with the time the platform answered, or `cancel` if it never went out. */
export interface Permit {
  answered(at: number): void;
  cancel(): void;
}

export interface RateLimiter {
  /** How long until the platform may take another send: 0 now, Infinity when a send in flight must end first. */
  overallWait(now: number): number;
  /** How long until this chat may be sent to, by its own limits and holds. */
  chatWait(chat: ChatId, now: number): number;
  /** Counts a send to `chat` as in flight from now. */
  begin(chat: ChatId, now: number): Permit;
  /**
   * The platform answered 429: hold the chat (or every chat) until `until`. Two chats held at
   * once mean the platform's overall limit was hit, whatever the answers said: hold every chat.
   */
  hold(chat: ChatId, until: number, scope: RateLimitScope, now: number): void;
}

/** Below this many remembered chats, idle ones are not swept. */
const SWEEP_FLOOR = 1_024;

export function rateLimiter(policy: RatePolicy): RateLimiter {
  const overall = policy.overall.map(tally);
  const chats = new Map<ChatId, ChatPace>();
  let platformHoldUntil = 0;
  let lastHeld: { chat: ChatId; until: number } | undefined;
  let sweepAt = SWEEP_FLOOR;

  const paceOf = (chat: ChatId): ChatPace => {
    let pace = chats.get(chat);
    if (!pace) {
      pace = { tallies: policy.perChat(chat).map(tally), holdUntil: 0 };
      chats.set(chat, pace);
    }
    return pace;
  };

  // A chat's record is only needed while something of it is in a window or held.
  function sweep(now: number): void {
    for (const [chat, pace] of chats) {
      const idle =
        pace.holdUntil <= now && pace.tallies.every((t) => t.inFlight === 0 && (expire(t, now), t.stamps.length === 0));
      if (idle) chats.delete(chat);
    }
    sweepAt = Math.max(SWEEP_FLOOR, chats.size * 2);
  }

  const longest = (tallies: readonly Tally[], now: number): number =>
    tallies.reduce((wait, t) => Math.max(wait, waitOf(t, now)), 0);

  return {
    overallWait: (now) => Math.max(longest(overall, now), platformHoldUntil - now, 0),
    chatWait(chat, now) {
      const pace = chats.get(chat);
      return pace ? Math.max(longest(pace.tallies, now), pace.holdUntil - now, 0) : 0;
    },
    begin(chat, now) {
      if (chats.size >= sweepAt) sweep(now);
      const counted = [...overall, ...paceOf(chat).tallies];
      for (const t of counted) t.inFlight += 1;
      let open = true;
      return {
        answered(at) {
          if (!open) return;
          open = false;
          for (const t of counted) stamp(t, at);
        },
        cancel() {
          if (!open) return;
          open = false;
          for (const t of counted) t.inFlight -= 1;
        },
      };
    },
    hold(chat, until, scope, now) {
      const otherHeld = lastHeld !== undefined && lastHeld.chat !== chat && lastHeld.until > now;
      if (scope === "platform" || otherHeld) platformHoldUntil = Math.max(platformHoldUntil, until);
      const pace = paceOf(chat);
      pace.holdUntil = Math.max(pace.holdUntil, until);
      lastHeld = { chat, until };
    },
  };
}
