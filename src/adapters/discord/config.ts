/** Discord's part of the configuration schema (src/config.ts spreads it in). */
import { z } from "zod";

const discordId = z
  .string()
  .regex(/^\d{5,25}$/, "must be a numeric Discord id")
  .optional();

export const discordConfig = {
  /** The bot token from the Developer Portal; the Discord adapter runs when it is set. */
  DISCORD_TOKEN: z.string().optional(),
  /** Application id for registering slash commands (default: the token's application). */
  DISCORD_APPLICATION_ID: discordId,
  /** Register commands in this one server (instant, for development) instead of globally. */
  DISCORD_GUILD_ID: discordId,
  /** REST API base; change only for a test server. */
  DISCORD_API_ROOT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .default("https://discord.com/api"),
};
