/**
 * One send of one alert, as delivery's turn makes it (dispatcher.ts): each of its messages paced
 * within the platform's limits, and the whole given up when the platform does not answer in time.
 */
import type { Alert } from "../core/alert.js";
import type { ChatId } from "../core/chat.js";
import type { Clock } from "../core/clock.js";
import { describeError } from "../core/errors.js";
import type { Permit, RateLimiter } from "./limiter.js";
import type { Timers } from "./timers.js";
import { DeliveryError, type ChatTransport } from "./transport.js";

/** How soon to look again when the limits wait for a send in flight to end. */
const RECHECK_MS = 50;

export interface MessagePacer {
  /** Waits until the limits allow the alert's next message, and counts it. */
  nextMessage(): Promise<void>;
  /** The send is over: its last message was answered, or never will be. */
  finish(): void;
}

/**
 * Counts the messages of one alert against the limits: the first under the turn's permit, each
 * further one (a long grouped alert the platform splits) under its own, once the limits allow.
 */
export function messagePacer({
  limiter,
  chat,
  first,
  clock,
  timers,
}: {
  limiter: RateLimiter;
  chat: ChatId;
  first: Permit;
  clock: Clock;
  timers: Timers;
}): MessagePacer {
  let current = first;
  let done = false;
  const wait = (now: number) => Math.max(limiter.overallWait(now), limiter.chatWait(chat, now));
  return {
    async nextMessage() {
      current.answered(clock.now());
      for (let ms = wait(clock.now()); ms > 0 && !done; ms = wait(clock.now())) {
        await new Promise<void>((resolve) => timers.after(Number.isFinite(ms) ? ms : RECHECK_MS, resolve));
      }
      // The send was given up meanwhile (timeout): its remaining messages must not go out.
      if (done) throw new DeliveryError("send abandoned", "transient");
      current = limiter.begin(chat, clock.now());
    },
    finish() {
      done = true;
      current.answered(clock.now());
    },
  };
}

/**
 * Sends the alert; resolves with the failure, if any. A send without an answer after
 * `sendTimeoutMs` is aborted (the transport passes the signal to its HTTP client, so the request
 * is not delivered later behind delivery's back) and counts as a transient failure.
 */
export async function sendWithin(
  transport: ChatTransport,
  alert: Alert,
  nextMessage: () => Promise<void>,
  { timers, sendTimeoutMs }: { timers: Timers; sendTimeoutMs: number },
): Promise<DeliveryError | undefined> {
  const controller = new AbortController();
  let cancelTimeout = (): void => {};
  const timedOut = new Promise<never>((_, reject) => {
    cancelTimeout = timers.after(sendTimeoutMs, () => {
      const error = new DeliveryError(`no answer within ${sendTimeoutMs / 1000} s`, "transient");
      controller.abort(error);
      reject(error);
    });
  });
  try {
    await Promise.race([transport.send(alert, { signal: controller.signal, nextMessage }), timedOut]);
    return undefined;
  } catch (error) {
    return error instanceof DeliveryError ? error : new DeliveryError(describeError(error), "transient");
  } finally {
    cancelTimeout();
  }
}
