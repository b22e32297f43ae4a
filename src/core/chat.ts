/**
 * A chat is addressed as `platform:id` (`telegram:-100123`, `discord:channel:987`,
 * `discord:user:42`, `console:local`), so one store and one delivery engine serve every platform.
 */
export type ChatId = string;

export type Platform = "telegram" | "discord" | "console";

export function chatId(platform: Platform, ...parts: (string | number)[]): ChatId {
  return [platform, ...parts.map(String)].join(":");
}

export function platformOf(chat: ChatId): Platform {
  const platform = chat.slice(0, chat.indexOf(":"));
  if (platform === "telegram" || platform === "discord" || platform === "console") return platform;
  throw new Error(`not a chat address: ${chat}`);
}

/** The part after `platform:`, e.g. "-100123" for "telegram:-100123". */
export function nativeChatId(chat: ChatId): string {
  return chat.slice(chat.indexOf(":") + 1);
}

/**
 * The private chat between a person and the bot, where their own things (saved jobs) live: on
 * Telegram a private chat's id is the user's id; Discord DMs are addressed by user; the terminal
 * has one person.
 */
export function personalChat(chat: ChatId, user: string): ChatId {
  const platform = platformOf(chat);
  if (platform === "telegram") return chatId("telegram", user);
  if (platform === "discord") return chatId("discord", "user", user);
  return chat;
}
