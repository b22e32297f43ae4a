/**
 * Answers to people go to the request's response_url (valid 30 minutes, 5 uses), which works in
 * any channel the command was typed in, the bot a member or not. Each answer first acquires the
 * platform's send budget with priority "reply", the budget alerts are paced by too; a 429 holds
 * the channel for its Retry-After and the answer is tried again, up to `tries` times; one that
 * still fails is logged with its channel, never dropped silently.
 *
 * Bolt's own respond() is not used: it neither waits for the budget nor retries a 429.
 */
import type { ChatId } from "../../core/chat.js";
import type { Clock } from "../../core/clock.js";
import type { Logger } from "../../core/logger.js";
import type { SendBudget } from "../../delivery/limiter.js";
import type { SlackMessage } from "./render.js";

export const REPLY_TRIES = 3;
const DEFAULT_RETRY_AFTER_S = 1;

export type Visibility =
  /** Only the person who asked sees it. */
  | "ephemeral"
  /** Everyone in the channel sees it. */
  | "in_channel"
  /** Replaces the message whose button was pressed. */
  | "replace";

export interface ReplyDeps {
  budget: SendBudget;
  clock: Clock;
  log: Logger;
  tries?: number;
}

/** Never throws: an answer that cannot be delivered is logged here, with its channel. */
export type Respond = (
  chat: ChatId,
  responseUrl: string,
  message: SlackMessage,
  visibility: Visibility,
) => Promise<void>;

function bodyOf(message: SlackMessage, visibility: Visibility): object {
  const how = visibility === "replace" ? { replace_original: true } : { response_type: visibility };
  return { ...how, text: message.text, blocks: message.blocks };
}

export function responder({ budget, clock, log, tries = REPLY_TRIES }: ReplyDeps): Respond {
  return async (chat, responseUrl, message, visibility) => {
    for (let attempt = 1; ; attempt++) {
      const permit = await budget.acquire(chat, "reply");
      let response: Response;
      try {
        response = await fetch(responseUrl, {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8" },
          body: JSON.stringify(bodyOf(message, visibility)),
        });
        await response.arrayBuffer();
      } catch (error) {
        permit.cancel();
        log.error({ chat, error }, "reply not delivered: the response URL could not be reached");
        return;
      }
      permit.answered(clock.now());
      if (response.ok) return;
      const context = { chat, attempt, status: response.status };
      if (response.status !== 429) {
        log.error(context, "reply not delivered: Slack refused it");
        return;
      }
      const retryAfterMs = (Number(response.headers.get("retry-after")) || DEFAULT_RETRY_AFTER_S) * 1000;
      if (attempt >= tries) {
        log.error({ ...context, retryAfterMs }, "reply not delivered: still rate limited after every try");
        return;
      }
      log.warn({ ...context, retryAfterMs }, "reply rate limited: waiting as told, then trying again");
      const now = clock.now();
      budget.hold(chat, now + retryAfterMs, "chat", now);
    }
  };
}
