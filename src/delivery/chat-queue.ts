/**
 * Fair turns among the chats of one platform. Every chat with alerts waiting has one place in a
 * round; a chat that has had its turn goes to the back. So a chat with 50 alerts sends one
 * message per round and cannot delay 500 chats with one alert each, and a chat waiting out its
 * own limit keeps its place without holding up the chats behind it.
 *
 * A turn starts when the limiter allows both the chat and the platform and fewer than
 * `concurrency` turns are running. A chat has at most one turn running, and a turn ends only
 * once its outcome is in the store: a chat's alerts go out in order, and at most one message per
 * chat is ever sent without its confirmation being saved (the one "in flight").
 */
import type { ChatId } from "../core/chat.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { Permit, RateLimiter } from "./limiter.js";
import type { Timers } from "./timers.js";

/** A turn that failed in an unexpected way (a store write that kept failing) is retried this much later. */
const FAULT_RETRY_MS = 30_000;

export interface ChatQueueDeps {
  limiter: RateLimiter;
  concurrency: number;
  clock: Clock;
  timers: Timers;
  log: Logger;
  /**
   * One turn: send the chat's next message, counted by `permit` (or find nothing to send).
   * Resolves with when the chat next has something due, or undefined when it has nothing left.
   */
  serve(chat: ChatId, permit: Permit): Promise<number | undefined>;
}

export interface ChatQueue {
  /** The chat has alerts due at `dueAt`: give it a place in the round (or keep the one it has). */
  add(chat: ChatId, dueAt: number): void;
  /** Starts no more turns; resolves when the running ones have ended. */
  stop(): Promise<void>;
}

export function chatQueue({ limiter, concurrency, clock, timers, log, serve }: ChatQueueDeps): ChatQueue {
  /** Chats waiting for a turn, in turn order. */
  const round: ChatId[] = [];
  const dueAt = new Map<ChatId, number>();
  const running = new Map<ChatId, Promise<void>>();
  /** Alerts that arrived for a chat while its turn was running. */
  const arrived = new Map<ChatId, number>();
  let wakeAt = Infinity;
  let cancelWake: (() => void) | undefined;
  let stopped = false;

  const readyAt = (chat: ChatId, now: number): number =>
    Math.max(dueAt.get(chat) ?? now, now + limiter.chatWait(chat, now));

  function scheduleWake(at: number): void {
    // Infinity: nothing to wait for but a running turn, whose end pumps again.
    if (at === Infinity || at >= wakeAt) return;
    cancelWake?.();
    wakeAt = at;
    cancelWake = timers.after(Math.max(0, at - clock.now()), () => {
      wakeAt = Infinity;
      cancelWake = undefined;
      pump();
    });
  }

  function pump(): void {
    if (stopped) return;
    const now = clock.now();
    while (running.size < concurrency && round.length > 0) {
      const platformWait = limiter.overallWait(now);
      if (platformWait > 0) return scheduleWake(now + platformWait);
      const next = round.findIndex((chat) => readyAt(chat, now) <= now);
      if (next === -1)
        return scheduleWake(round.reduce((soonest, chat) => Math.min(soonest, readyAt(chat, now)), Infinity));
      const [chat] = round.splice(next, 1) as [ChatId];
      dueAt.delete(chat);
      startTurn(chat, limiter.begin(chat, now));
    }
  }

  function startTurn(chat: ChatId, permit: Permit): void {
    const turn = (async () => {
      let next: number | undefined;
      try {
        next = await serve(chat, permit);
      } catch (error) {
        log.error({ chat, error }, "delivery to a chat failed unexpectedly; trying it again later");
        next = clock.now() + FAULT_RETRY_MS;
      } finally {
        permit.cancel();
      }
      running.delete(chat);
      const more = Math.min(next ?? Infinity, arrived.get(chat) ?? Infinity);
      arrived.delete(chat);
      if (more === Infinity) pump();
      else add(chat, more);
    })();
    running.set(chat, turn);
  }

  function add(chat: ChatId, due: number): void {
    if (stopped) return;
    if (running.has(chat)) {
      arrived.set(chat, Math.min(due, arrived.get(chat) ?? Infinity));
      return;
    }
    const known = dueAt.get(chat);
    if (known === undefined) round.push(chat);
    dueAt.set(chat, Math.min(due, known ?? Infinity));
    pump();
  }

  return {
    add,
    async stop() {
      stopped = true;
      cancelWake?.();
      await Promise.all(running.values());
    },
  };
}
