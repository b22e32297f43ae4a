/**
 * Telegram tells the bot when its place in a chat changes. Acting on it spares failed sends:
 * - my_chat_member: blocked by a person or removed from a group is a lost chat; being unblocked
 *   or added back is a regained one;
 * - a group upgraded to a supergroup posts migrate_to_chat_id in the old chat: the chat moved.
 * What follows (pausing, resuming, moving subscriptions and queued alerts) is the neutral chat
 * events' business (src/delivery/chat-events.ts), the same for every platform.
 */
import type { Bot } from "grammy";
import type { ChatMember } from "grammy/types";
import { chatId } from "../../core/chat.js";
import type { ChatEvents } from "../../delivery/chat-events.js";
import { TELEGRAM } from "./addressing.js";

type Status = ChatMember["status"];
const OUT: readonly Status[] = ["kicked", "left"];

/** "gone" when the bot lost the chat, "back" when it regained it, else undefined. */
export function membershipChange(before: Status, after: Status): "gone" | "back" | undefined {
  if (OUT.includes(after) && !OUT.includes(before)) return "gone";
  if (OUT.includes(before) && !OUT.includes(after)) return "back";
  return undefined;
}

export function installMembership(bot: Bot, events: ChatEvents): void {
  bot.on("my_chat_member", async (ctx) => {
    const { chat, old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    const change = membershipChange(before.status, after.status);
    const id = chatId(TELEGRAM, chat.id);
    if (change === "gone")
      await events.lost(id, chat.type === "private" ? "the bot was blocked" : "the bot was removed from the chat");
    else if (change === "back") await events.regained(id);
  });

  bot.on("message:migrate_to_chat_id", async (ctx) => {
    await events.moved(chatId(TELEGRAM, ctx.chat.id), chatId(TELEGRAM, ctx.msg.migrate_to_chat_id));
  });
}
