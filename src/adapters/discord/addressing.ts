/**
 * Discord's chats: `discord:channel:<id>` (a server channel, read by many) and
 * `discord:user:<id>` (a person's DMs, opened when the first alert goes out).
 */
import { nativeChatId } from "../../core/chat.js";
import type { Addressing } from "../platform.js";

export const DISCORD = "discord";

export const discordAddressing: Addressing = {
  format: "discord:channel:<channel id> or discord:user:<user id>",
  isChat: (chat) => chat.startsWith(`${DISCORD}:`) && /^(channel|user):\d{1,25}$/.test(nativeChatId(chat)),
  kindOf: (chat) => (nativeChatId(chat).startsWith("user:") ? "private" : "group"),
};
