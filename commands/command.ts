/**
 * A command is data plus one function: it declares what it takes and returns a Reply, and never
 * knows which platform asked. Adapters turn the registry (index.ts) into their own command menus.
 */
import type { ChatId } from "../src/core/chat.js";
import type { Clock } from "../src/core/clock.js";
import type { Logger } from "../src/core/logger.js";
import type { Reply } from "../src/core/reply.js";
import type { Store } from "../src/store/store.js";

export interface CommandArgument {
  name: string;
  description: string;
  required: boolean;
  maxLength: number;
  /**
   * What the value names, for platforms that suggest values as one types: one of the chat's
   * subscriptions, or a time zone.
   */
  suggests?: "subscription" | "timezone";
}

export interface CommandSettings {
  maxSubscriptionsPerChat: number;
  /** Jobs per /latest page. */
  pageSize: number;
  /** How long jobs are kept (RETENTION_DAYS), for "seen in the last N days". */
  retentionDays: number;
}

export interface CommandContext {
  chat: ChatId;
  /** The platform's id of the person who typed the command. */
  user: string;
  /** Everything after the command name, as typed. */
  args: string;
  /** 0-based page, for /latest's next/previous buttons. */
  page: number;
  store: Store;
  clock: Clock;
  log: Logger;
  /** The configured sources, in configuration order. */
  sources: readonly { id: string; label: string }[];
  settings: CommandSettings;
  /**
   * The private chat between a person and the bot on the platform of `chat`, where their own
   * things (saved jobs) live; each platform's addressing says what it is. Without it (tests), the
   * chat itself.
   */
  personalChat?: (chat: ChatId, user: string) => ChatId;
  /**
   * Called after a chat's time zone, digest or quiet hours changed, so that delivery looks at its
   * waiting alerts again at once (/digest off sends what was collected now, not at the old time).
   */
  scheduleChanged?: (chat: ChatId) => void;
}

/** What every command run shares, whoever asked: adapters add chat, user, args and page. */
export type SharedContext = Omit<CommandContext, "chat" | "user" | "args" | "page">;

export interface Command {
  /** 1-32 characters of a-z, 0-9 and _ (the strictest platform's rule, Telegram's). */
  name: string;
  aliases?: readonly string[];
  /** One line, at most 100 characters (Discord's limit). */
  description: string;
  argument?: CommandArgument;
  /** Who may run it in a group or server channel; in a private chat the person is the admin. */
  access: "anyone" | "chat-admin";
  /**
   * In a group, the person may ask for this command to act on their own alerts (sent to them
   * privately) instead of the group's, e.g. Discord's `dm` option. Platforms without such an
   * option leave it out: there the person uses their private chat with the bot.
   */
  personal?: boolean;
  /**
   * Its reply comes in pages whose buttons run it again with another page. Page buttons are data
   * a client can forge, so adapters run only commands with this flag from them.
   */
  pages?: true;
  run(ctx: CommandContext): Promise<Reply>;
}

export const defaultSettings: CommandSettings = { maxSubscriptionsPerChat: 25, pageSize: 5, retentionDays: 30 };
