/**
 * Telegram tells the bot when its place in a chat changes. Acting on it spares failed sends:
 * - my_chat_member: blocked by a person or removed from a group pauses the chat's alerts; being
 *   unblocked or added back resumes them, but only when the platform paused them (a person's own
 *   /pause stays until /resume);
 * - a group upgraded to a supergroup posts migrate_to_chat_id in the old chat: the chat's
 *   subscriptions, cursor and queued alerts move to the new id.
 */
import type { Bot } from "grammy";
import type { ChatMember } from "grammy/types";
import { chatId } from "../../core/chat.js";
import type { Logger } from "../../core/logger.js";
import type { Store } from "../../store/store.js";

type Status = ChatMember["status"];
const OUT: readonly Status[] = ["kicked", "left"];

/** "gone" when the bot lost the chat, "back" when it regained it, else undefined. */
export function membershipChange(before: Status, after: Status): "gone" | "back" | undefined {
  if (OUT.includes(after) && !OUT.includes(before)) return "gone";
  if (OUT.includes(before) && !OUT.includes(after)) return "back";
  return undefined;
}

export function installMembership(bot: Bot, { store, log }: { store: Store; log: Logger }): void {
  bot.on("my_chat_member", async (ctx) => {
    const { chat, old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    const change = membershipChange(before.status, after.status);
    const id = chatId("telegram", chat.id);
    const state = change && (await store.getChat(id));
    // A chat that never subscribed has nothing to pause or resume.
    if (!state) return;
    if (change === "gone" && !state.paused) {
      const reason = chat.type === "private" ? "the bot was blocked" : "the bot was removed from the chat";
      await store.setPaused(id, true, reason);
      log.info({ chat: id, reason }, "chat paused: Telegram says the bot lost it");
    } else if (change === "back" && state.paused && state.pausedReason !== undefined) {
      await store.setPaused(id, false);
      log.info({ chat: id }, "chat resumed: the bot is back in it");
    }
  });

  bot.on("message:migrate_to_chat_id", async (ctx) => {
    const from = chatId("telegram", ctx.chat.id);
    const to = chatId("telegram", ctx.msg.migrate_to_chat_id);
    await store.moveChat(from, to);
    log.info({ chat: from, movedTo: to }, "group became a supergroup: its subscriptions moved");
  });
}
