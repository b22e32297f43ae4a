/**
 * Every Bot API call a person's action causes (command replies, page edits, button answers)
 * passes this one grammY transformer. A call that writes into a chat first acquires the
 * platform's send budget with priority "reply", the budget alerts are paced by too, so replies
 * stay within Telegram's limits and go ahead of an alert backlog. A 429 holds the chat for its
 * retry_after and the call is tried again, up to `tries` times; a reply that still fails is
 * logged with its chat and the error goes on to the handler (and bot.catch), never swallowed.
 *
 * Alerts do not pass here: delivery acquires the same budget for them before it sends
 * (docs/ARCHITECTURE.md "Delivery's guarantees").
 */
import type { Transformer } from "grammy";
import { chatId } from "../../core/chat.js";
import type { Clock } from "../../core/clock.js";
import type { Logger } from "../../core/logger.js";
import type { Permit, SendBudget } from "../../delivery/limiter.js";
import type { Timers } from "../../delivery/timers.js";
import { TELEGRAM } from "./addressing.js";

/** Methods that put or change a message in a chat: the ones Telegram's flood limits count. */
const WRITES_TO_CHAT = /^(send|edit|copy|forward)/;
/** When Telegram asks to wait but does not say how long (it always should). */
const DEFAULT_RETRY_AFTER_S = 5;
export const REPLY_TRIES = 3;

export interface ReplyPacingDeps {
  budget: SendBudget;
  clock: Clock;
  timers: Timers;
  log: Logger;
  tries?: number;
}

function targetChat(method: string, payload: unknown): string | undefined {
  if (!WRITES_TO_CHAT.test(method) || typeof payload !== "object" || payload === null) return undefined;
  const id = (payload as { chat_id?: unknown }).chat_id;
  return typeof id === "number" || typeof id === "string" ? chatId(TELEGRAM, id) : undefined;
}

export function replyPacing({ budget, clock, timers, log, tries = REPLY_TRIES }: ReplyPacingDeps): Transformer {
  return async (call, method, payload, signal) => {
    if (method === "getUpdates") return call(method, payload, signal);
    const chat = targetChat(method, payload);
    for (let attempt = 1; ; attempt++) {
      const permit: Permit | undefined = chat
        ? await budget.acquire(chat, "reply", signal as AbortSignal | undefined)
        : undefined;
      const result = await call(method, payload, signal).finally(() => permit?.answered(clock.now()));
      if (result.ok || result.error_code !== 429) return result;
      const retryAfterMs = (result.parameters?.retry_after ?? DEFAULT_RETRY_AFTER_S) * 1000;
      const context = { chat, method, attempt, retryAfterMs };
      if (attempt >= tries) {
        log.error(context, "reply not delivered: still rate limited after every try");
        return result;
      }
      log.warn(context, "reply rate limited: waiting as told, then trying again");
      const now = clock.now();
      if (chat) budget.hold(chat, now + retryAfterMs, "chat", now);
      else await new Promise<void>((resolve) => timers.after(retryAfterMs, resolve));
    }
  };
}
