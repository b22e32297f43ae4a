/**
 * Who may run a command here (docs/ARCHITECTURE.md, Who may run a command). In a private chat the person is the chat, so they may
 * do everything. In a group or supergroup, "chat-admin" commands change what the whole group
 * receives, so only its administrators may run them; the Hide and Mute buttons under an alert
 * follow the same rule (mayChangeChat). Telegram is asked with getChatMember each
 * time rather than cached: admins change, such commands are rare, and a stale "yes" would let a
 * demoted member keep changing the group's alerts.
 */
import type { Api } from "grammy";
import type { Chat, User } from "grammy/types";
import type { Command } from "../../../commands/command.js";
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";

export interface Asker {
  chat: Pick<Chat, "id" | "type">;
  from?: Pick<User, "id">;
  /** Set when an anonymous administrator speaks as the group itself. */
  senderChat?: Pick<Chat, "id">;
}

const ADMIN_STATUSES = new Set(["creator", "administrator"]);

/**
 * Whether the asker may change what this chat receives: anyone in a private chat, an anonymous
 * administrator speaking as the group, otherwise an administrator by getChatMember. Rejects when
 * Telegram cannot be asked.
 */
export async function mayChangeChat(asker: Asker, api: Api): Promise<boolean> {
  if (asker.chat.type === "private") return true;
  // Only administrators can post as the group ("anonymous admin" mode).
  if (asker.senderChat?.id === asker.chat.id) return true;
  if (!asker.from) return false;
  const member = await api.getChatMember(asker.chat.id, asker.from.id);
  return ADMIN_STATUSES.has(member.status);
}

export const ADMIN_CHECK_FAILED =
  "I could not check whether you are an administrator of this group. Please try again in a minute.";

/** Why this person may not run the command here, or undefined when they may. */
export async function accessRefusal(
  command: Command,
  asker: Asker,
  api: Api,
  botUsername: string,
  log: Logger,
): Promise<string | undefined> {
  if (command.access === "anyone") return undefined;
  try {
    if (await mayChangeChat(asker, api)) return undefined;
    return `Only administrators of this group can use /${command.name} here. To get alerts for yourself, talk to me in a private chat: @${botUsername}`;
  } catch (error) {
    log.warn({ command: command.name, reason: describeError(error) }, "could not check administrator status");
    return ADMIN_CHECK_FAILED;
  }
}
