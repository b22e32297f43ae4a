/**
 * Alerts to Slack channels through the Web API's chat.postMessage, and what each failure means
 * for delivery (docs/ARCHITECTURE.md "Delivery's guarantees"):
 * - 429 (Bolt's client rejects it instead of waiting, see app.ts): wait Retry-After, exactly;
 * - the channel is gone or closed to the bot (channel_not_found, not_in_channel, is_archived,
 *   account_inactive, …): permanent, the chat is paused;
 * - 5xx, network errors and anything unexpected: retry with backoff.
 */
import type { webApi } from "@slack/bolt";
import type { AlertActionCodec } from "../../core/alert-action-payload.js";
import type { Alert } from "../../core/alert.js";
import { nativeChatId } from "../../core/chat.js";
import type { Clock } from "../../core/clock.js";
import { describeError } from "../../core/errors.js";
import { DeliveryError, type ChatTransport } from "../../delivery/transport.js";
import { SLACK } from "./addressing.js";
import { renderAlert, type SlackMessage } from "./render.js";

/** Platform errors that say the channel will not take messages from the bot. */
const CHANNEL_GONE = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "token_revoked",
  "invalid_auth",
  "restricted_action",
  "cannot_dm_bot",
  "user_not_found",
]);

/** When Slack asks to wait but does not say how long (it always should). */
const DEFAULT_RETRY_AFTER_S = 5;

/** The fields of @slack/web-api's errors this needs, read without trusting their shape. */
interface SlackErrorShape {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
}

export function classifyFailure(error: unknown): DeliveryError {
  const e = (typeof error === "object" && error !== null ? error : {}) as SlackErrorShape;
  if (e.code === "slack_webapi_rate_limited_error") {
    const seconds = typeof e.retryAfter === "number" ? e.retryAfter : DEFAULT_RETRY_AFTER_S;
    return new DeliveryError("429: rate limited", "rate-limited", seconds * 1000);
  }
  if (e.code === "slack_webapi_platform_error") {
    const reason = String(e.data?.error ?? "unknown error");
    return new DeliveryError(reason, CHANNEL_GONE.has(reason) ? "permanent" : "transient");
  }
  return new DeliveryError(describeError(error), "transient");
}

/** How every message goes out: no link previews (the buttons say enough). */
export const postOptions = (message: SlackMessage) => ({
  text: message.text,
  blocks: message.blocks,
  unfurl_links: false,
  unfurl_media: false,
});

/** `codec` signs the alert buttons' payloads, each for the channel its alert goes to. */
export function slackTransport(client: webApi.WebClient, clock: Clock, codec: AlertActionCodec): ChatTransport {
  return {
    platform: SLACK,
    async send(alert: Alert) {
      try {
        await client.chat.postMessage({
          channel: nativeChatId(alert.chat),
          ...postOptions(renderAlert(alert, clock.now(), codec)),
        });
      } catch (error) {
        throw classifyFailure(error);
      }
    },
  };
}
