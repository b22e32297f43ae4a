/**
 * Slack's chats and limits. A chat address is `slack:<channel id>`: `D…` is a direct message
 * with the bot (one person), `C…` and `G…` are channels and private groups.
 *
 * PLATFORM-NOTES "Slack and Bolt": chat.postMessage allows about 1 message per second per
 * channel; a 429 carries Retry-After. Alerts and replies share this pace through one budget.
 */
import { nativeChatId } from "../../core/chat.js";
import type { RatePolicy, WindowLimit } from "../../delivery/limiter.js";
import type { Addressing } from "../platform.js";

export const SLACK = "slack";

export const slackAddressing: Addressing = {
  format: "slack:<channel id>, D… for direct messages, C… or G… for channels",
  isChat: (chat) => chat.startsWith(`${SLACK}:`) && /^[CDG][A-Z0-9]{2,30}$/.test(nativeChatId(chat)),
  kindOf: (chat) => (nativeChatId(chat).startsWith("D") ? "private" : "group"),
};

const PER_CHANNEL: readonly WindowLimit[] = [{ max: 1, windowMs: 1_000 }];

export const slackRates: RatePolicy = {
  // Slack publishes no overall limit for posting beyond the per-channel pace.
  overall: [],
  perChat: () => PER_CHANNEL,
  concurrency: 10,
};
