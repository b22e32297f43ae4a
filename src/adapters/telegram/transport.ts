/**
 * Alerts to Telegram chats, and what each failure means for delivery. Classification follows the
 * Bot API's answers (PLATFORM-NOTES "Telegram Bot API and grammY"):
 * - 429 carries retry_after: wait exactly that long. The answer does not say which limit was hit,
 *   so it is reported for the chat (scope "chat"); delivery holds every chat when two are limited;
 * - 403 (blocked, kicked, user deactivated) and 400 "chat not found" will not get better: pause;
 * - 400 with migrate_to_chat_id: the group became a supergroup: the failure says where the chat
 *   moved, and followMoves (chat-events.ts) raises the neutral "moved" event;
 * - 5xx, network errors and anything unexpected: retry with backoff (bounded by the dispatcher).
 * A 400 about the message itself is our bug, not the chat's: it is retried and then dropped and
 * logged, never a reason to silence a chat.
 */
import { GrammyError, HttpError, type Api } from "grammy";
import type { AlertActionCodec } from "../../core/alert-action-payload.js";
import type { Alert } from "../../core/alert.js";
import { chatId, nativeChatId } from "../../core/chat.js";
import type { Clock } from "../../core/clock.js";
import { describeError } from "../../core/errors.js";
import { DeliveryError, type ChatTransport, type SendOptions } from "../../delivery/transport.js";
import { TELEGRAM } from "./addressing.js";
import { messageOptions, renderAlert } from "./render.js";

/** 400 answers that mean the chat itself is gone or closed to the bot. */
const CHAT_GONE = /chat not found|group chat was deactivated|have no rights to send|not enough rights to send/i;

/** When Telegram asks to wait but does not say how long (it always should). */
const DEFAULT_RETRY_AFTER_S = 5;

export function classifyFailure(error: unknown): DeliveryError {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code}: ${error.description}`;
    const { migrate_to_chat_id: movedTo, retry_after: retryAfter } = error.parameters;
    if (movedTo !== undefined) return new DeliveryError(reason, "transient", undefined, chatId(TELEGRAM, movedTo));
    if (error.error_code === 429)
      return new DeliveryError(reason, "rate-limited", (retryAfter ?? DEFAULT_RETRY_AFTER_S) * 1000);
    if (error.error_code === 403) return new DeliveryError(reason, "permanent");
    if (error.error_code === 400 && CHAT_GONE.test(error.description)) return new DeliveryError(reason, "permanent");
    return new DeliveryError(reason, "transient");
  }
  // HttpError's message names the method only; the URL (which holds the token) stays out of it.
  if (error instanceof HttpError) return new DeliveryError(error.message, "transient");
  return new DeliveryError(describeError(error), "transient");
}

/** grammY types its signal with the abort-controller package's AbortSignal; Node's is the same thing at run time. */
type GrammySignal = Parameters<Api["sendMessage"]>[3];

/** `codec` signs the buttons under each alert (Save, Hide, Mute company) for the chat it goes to. */
export function telegramTransport(api: Api, clock: Clock, codec?: AlertActionCodec): ChatTransport {
  return {
    platform: TELEGRAM,
    async send(alert: Alert, { signal, nextMessage }: SendOptions = {}) {
      const target = nativeChatId(alert.chat);
      // An alert is one message unless a grouped alert had to be split: sent in order, and a
      // failure part-way makes the retry repeat the parts already sent (at most one alert).
      for (const [i, message] of renderAlert(alert, clock.now(), codec).entries()) {
        if (i > 0) await nextMessage?.();
        try {
          await api.sendMessage(target, message.text, messageOptions(message), signal as GrammySignal);
        } catch (error) {
          throw classifyFailure(error);
        }
      }
    },
  };
}
