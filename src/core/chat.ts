/**
 * A chat is addressed as `platform:id` (`telegram:-100123`, `discord:channel:987`,
 * `discord:user:42`, `console:local`), so one store and one delivery engine serve every platform.
 * The platform is a plug-in's key (docs/ARCHITECTURE.md "Platforms are plug-ins"): core knows no
 * list of them, and what the part after the key means is the plug-in's business (its addressing).
 */
export type ChatId = string;

/** A platform plug-in's key, the first part of its chat addresses. */
export type Platform = string;

export function chatId(platform: Platform, ...parts: (string | number)[]): ChatId {
  return [platform, ...parts.map(String)].join(":");
}

export function platformOf(chat: ChatId): Platform {
  const colon = chat.indexOf(":");
  if (colon <= 0) throw new Error(`not a chat address: ${chat}`);
  return chat.slice(0, colon);
}

/** The part after `platform:`, e.g. "-100123" for "telegram:-100123". */
export function nativeChatId(chat: ChatId): string {
  return chat.slice(chat.indexOf(":") + 1);
}
