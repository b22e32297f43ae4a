/**
 * Telegram's chats and limits. A chat address is `telegram:<chat id>`; ids below zero are groups,
 * supergroups and channels, above zero private chats.
 *
 * PLATFORM-NOTES: Telegram allows about 30 messages/s overall, 1/s per chat with short bursts
 * (here: 3 in any 3 s), 20/min per group. Every message the bot sends counts: alerts, command
 * replies and page edits share these limits through one budget (docs/ARCHITECTURE.md).
 */
import { nativeChatId, type ChatId } from "../../core/chat.js";
import type { RatePolicy, WindowLimit } from "../../delivery/limiter.js";
import type { Addressing } from "../platform.js";

export const TELEGRAM = "telegram";

/** A person's private chat with the bot: its id is their user id. */
export const personalChat = (user: string | number): ChatId => `${TELEGRAM}:${user}`;

export const telegramAddressing: Addressing = {
  format: "telegram:<chat id>, negative for groups, supergroups and channels",
  isChat: (chat) => chat.startsWith(`${TELEGRAM}:`) && /^-?\d{1,20}$/.test(nativeChatId(chat)),
  kindOf: (chat) => (nativeChatId(chat).startsWith("-") ? "group" : "private"),
  personalChat,
};

const PRIVATE: readonly WindowLimit[] = [{ max: 3, windowMs: 3_000 }];
// A group is a chat too: its per-minute budget comes on top of the per-chat pace.
const GROUP: readonly WindowLimit[] = [...PRIVATE, { max: 20, windowMs: 60_000 }];

export const telegramRates: RatePolicy = {
  overall: [{ max: 30, windowMs: 1_000 }],
  perChat: (chat: ChatId) => (telegramAddressing.kindOf(chat) === "group" ? GROUP : PRIVATE),
  concurrency: 10,
};
