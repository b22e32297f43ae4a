/** Chats, people and updates as the Bot API sends them, for the fake Bot API and for tests. */
import type { Chat, ChatMember, Message, Update, User } from "grammy/types";

/** Chats people talk to the bot in (channels post, they do not chat). */
export type TalkChat = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;

export const privateChat = (id: number, firstName = `Person ${id}`): Chat.PrivateChat => ({
  id,
  type: "private",
  first_name: firstName,
});
export const supergroup = (id: number, title = `Group ${id}`): Chat.SupergroupChat => ({
  id,
  type: "supergroup",
  title,
});
export const basicGroup = (id: number, title = `Group ${id}`): Chat.GroupChat => ({ id, type: "group", title });
export const person = (id: number, firstName = `Person ${id}`): User => ({ id, is_bot: false, first_name: firstName });

/** An update without its id: the fake numbers updates as it queues them. */
export type NewUpdate = Omit<Update, "update_id">;

let messageIds = 100_000;

/** A text message; a leading /command gets its bot_command entity, as Telegram adds it. */
export function textMessage(chat: TalkChat, from: User, text: string, extra: Partial<Message> = {}): NewUpdate {
  const command = /^\/[^\s]+/.exec(text);
  const message = {
    message_id: ++messageIds,
    date: Math.floor(Date.now() / 1000),
    chat,
    from,
    text,
    ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
    ...extra,
  } as Message.TextMessage & Update.NonChannel;
  return { message };
}

export function memberUpdate(
  chat: TalkChat,
  from: User,
  bot: User,
  before: ChatMember["status"],
  after: ChatMember["status"],
): NewUpdate {
  const member = (status: ChatMember["status"]) => ({ status, user: bot }) as ChatMember;
  return {
    my_chat_member: {
      chat,
      from,
      date: Math.floor(Date.now() / 1000),
      old_chat_member: member(before),
      new_chat_member: member(after),
    },
  };
}

/** The service message a basic group posts when it becomes a supergroup. */
export function migrationMessage(chat: Chat.GroupChat, from: User, toChatId: number): NewUpdate {
  const message = {
    message_id: ++messageIds,
    date: Math.floor(Date.now() / 1000),
    chat,
    from,
    migrate_to_chat_id: toChatId,
  } as Message & Update.NonChannel;
  return { message };
}

/** The kind of an update ("message", "callback_query", …), for allowed_updates filtering. */
export function updateKind(update: NewUpdate): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
}
