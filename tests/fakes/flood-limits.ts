/**
 * Telegram's flood limits as the fake Bot API enforces them (issue 6): at most 30 messages in any
 * second overall, 3 in any 3 s per chat, 20 in any minute per group (negative chat id). A message
 * counts at the instant its request arrived; one that would break a limit is refused with 429 and
 * the retry_after Telegram would give, and is not counted.
 *
 * The check is exact whatever order concurrent requests are processed in: a message is accepted
 * only if no window of the limit's length that contains it would then hold too many.
 */

export interface Limit {
  max: number;
  windowMs: number;
}

export const TELEGRAM_LIMITS = {
  overall: { max: 30, windowMs: 1_000 },
  perChat: { max: 3, windowMs: 3_000 },
  perGroup: { max: 20, windowMs: 60_000 },
} as const;

/** Accepted arrival times under one limit. */
function windowCounter(limit: Limit) {
  const times: number[] = [];
  return {
    /** How long until `at` would fit, or 0 when it fits now. */
    waitFor(at: number): number {
      // The accepted times near `at`, with `at` among them, in order.
      const near = [...times.filter((t) => t > at - limit.windowMs && t < at + limit.windowMs), at].sort(
        (a, b) => a - b,
      );
      let wait = 0;
      for (let first = 0, last = 0; last < near.length; last++) {
        while ((near[first] as number) <= (near[last] as number) - limit.windowMs) first++;
        const inWindow = last - first + 1;
        // A window holding `at` and too many others: `at` must wait until the oldest of them leaves.
        if (inWindow > limit.max && (near[first] as number) <= at && (near[last] as number) >= at) {
          const leaving = near[last - limit.max] as number;
          wait = Math.max(wait, leaving + limit.windowMs - at);
        }
      }
      return wait;
    },
    add(at: number): void {
      times.push(at);
    },
  };
}

export interface FloodControl {
  /** Accepts a message to `chatId` arriving at `at`, or says how many seconds to wait (retry_after). */
  admit(chatId: number, at: number): { retryAfter: number } | undefined;
  /** How many messages were refused with 429. */
  refused(): number;
}

export function telegramFloodControl(limits = TELEGRAM_LIMITS): FloodControl {
  const overall = windowCounter(limits.overall);
  const chats = new Map<number, ReturnType<typeof windowCounter>[]>();
  let refused = 0;
  const countersOf = (chatId: number) => {
    let counters = chats.get(chatId);
    if (!counters) {
      counters = [windowCounter(limits.perChat), ...(chatId < 0 ? [windowCounter(limits.perGroup)] : [])];
      chats.set(chatId, counters);
    }
    return [overall, ...counters];
  };
  return {
    admit(chatId, at) {
      const counters = countersOf(chatId);
      const wait = Math.max(...counters.map((c) => c.waitFor(at)));
      if (wait > 0) {
        refused += 1;
        return { retryAfter: Math.max(1, Math.ceil(wait / 1000)) };
      }
      for (const counter of counters) counter.add(at);
      return undefined;
    },
    refused: () => refused,
  };
}
