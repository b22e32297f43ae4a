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
 *
 * One limiter per platform paces everything sent to it: alerts (the chat queue asks it before each
 * turn) and replies to people (`acquire` with priority "reply"), so the two share one budget and a
 * person waiting for an answer goes ahead of an alert backlog. Each platform's numbers are its
 * plug-in's rate policy (docs/ARCHITECTURE.md "Delivery's guarantees").
 */
import type { ChatId } from "../core/chat.js";
import { systemClock, type Clock } from "../core/clock.js";
import { systemTimers, type Timers } from "./timers.js";
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

/** No limits of its own (the terminal, or a platform whose client paces itself); `concurrency` sends at once. */
export const unlimited = (concurrency: number): RatePolicy => ({ overall: [], perChat: () => [], concurrency });

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

/**
 * 0 when one more send fits now; else how long until one does (Infinity: until a send ends).
 * `max` is the limit's, or this process's share of it.
 */
function waitOf(t: Tally, now: number, max = t.limit.max): number {
  expire(t, now);
  const used = t.inFlight + t.stamps.length;
  if (used < max) return 0;
  // The oldest stamps leave the window first; enough of them must leave to make room for one.
  const freeing = t.stamps[used - max];
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

/** A reply is someone waiting for an answer; an alert can wait behind it. */
export type Priority = "reply" | "alert";

/**
 * The budget a platform's sends share, as the adapters see it: small on purpose, so that a budget
 * shared by several processes can replace the in-process limiter behind it.
 */
export interface SendBudget {
  /** Waits until one more send to `chat` fits, replies ahead of alerts; rejects when `signal` aborts. */
  acquire(chat: ChatId, priority: Priority, signal?: AbortSignal): Promise<Permit>;
  /**
   * The platform answered 429: hold the chat (or every chat) until `until`. Two chats held at
   * once mean the platform's overall limit was hit, whatever the answers said: hold every chat.
   */
  hold(chat: ChatId, until: number, scope: RateLimitScope, now: number): void;
}

/** The in-process budget, with the synchronous view the chat queue schedules alert turns by. */
export interface RateLimiter extends SendBudget {
  /** Most alert sends in flight at once (the policy's). */
  readonly concurrency: number;
  /**
   * How long until the platform may take another send: 0 now, Infinity when a send in flight must
   * end first. An alert ("alert", the default) also waits while a reply is ready to go.
   */
  overallWait(now: number, priority?: Priority): number;
  /** How long until this chat may be sent to, by its own limits and holds. */
  chatWait(chat: ChatId, now: number): number;
  /** Counts a send to `chat` as in flight from now. */
  begin(chat: ChatId, now: number): Permit;
}

/** Below this many remembered chats, idle ones are not swept. */
const SWEEP_FLOOR = 1_024;
/** How soon a waiting send looks again when the limits wait for a send in flight to end. */
const RECHECK_MS = 50;
/** How long alerts stand back while a reply is ready to go: it goes at its own timer, within this. */
const REPLY_FIRST_MS = 20;

export interface LimiterOptions {
  clock: Clock;
  timers: Timers;
  /**
   * The part of the overall limits this process may use (copies sharing one bot each take an equal
   * share: src/store/postgres/copies.ts); 1 when this process is the only one. Per-chat limits are
   * whole: one copy at a time sends to a chat.
   */
  share?: () => number;
}

export function rateLimiter(
  policy: RatePolicy,
  { clock, timers, share }: LimiterOptions = { clock: systemClock, timers: systemTimers },
): RateLimiter {
  const overall = policy.overall.map(tally);
  const chats = new Map<ChatId, ChatPace>();
  let platformHoldUntil = 0;
  let lastHeld: { chat: ChatId; until: number } | undefined;
  let sweepAt = SWEEP_FLOOR;
  /** The chats of replies waiting in `acquire`, with how many each. */
  const waitingReplies = new Map<ChatId, number>();

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

  /**
   * The overall limits' wait, each limit cut to this process's share. A limit cut to nothing (no
   * share yet, or fewer sends than copies) is looked at again shortly: no send of ours will free it.
   */
  function sharedWait(now: number): number {
    if (!share) return longest(overall, now);
    const part = share();
    return overall.reduce((wait, t) => {
      const max = Math.floor(t.limit.max * part);
      return Math.max(wait, max === 0 ? RECHECK_MS : waitOf(t, now, max));
    }, 0);
  }
  const platformWait = (now: number): number => Math.max(sharedWait(now), platformHoldUntil - now, 0);
  function chatWait(chat: ChatId, now: number): number {
    const pace = chats.get(chat);
    return pace ? Math.max(longest(pace.tallies, now), pace.holdUntil - now, 0) : 0;
  }
  /** A reply whose own chat is free waits only for the platform: alerts must not take its place. */
  const replyReady = (now: number): boolean => [...waitingReplies.keys()].some((chat) => chatWait(chat, now) === 0);
  function overallWait(now: number, priority: Priority = "alert"): number {
    const wait = platformWait(now);
    return priority === "alert" && replyReady(now) ? Math.max(wait, REPLY_FIRST_MS) : wait;
  }
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        cancel();
        reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
      };
      const cancel = timers.after(ms, () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });

  const limiter: RateLimiter = {
    concurrency: policy.concurrency,
    overallWait,
    chatWait,
    async acquire(chat, priority, signal) {
      if (priority === "reply") waitingReplies.set(chat, (waitingReplies.get(chat) ?? 0) + 1);
      try {
        for (;;) {
          signal?.throwIfAborted();
          const now = clock.now();
          const wait = Math.max(overallWait(now, priority), chatWait(chat, now));
          if (wait === 0) return limiter.begin(chat, now);
          await sleep(Number.isFinite(wait) ? wait : RECHECK_MS, signal);
        }
      } finally {
        if (priority === "reply") {
          const left = (waitingReplies.get(chat) ?? 1) - 1;
          if (left > 0) waitingReplies.set(chat, left);
          else waitingReplies.delete(chat);
        }
      }
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
  return limiter;
}
