/** Telegram's part of the configuration schema (src/config.ts spreads it in). */
import { z } from "zod";

export const TELEGRAM_DEFAULT_API_ROOT = "https://api.telegram.org";

export const telegramConfig = {
  /** The token from @BotFather; the Telegram adapter runs when it is set. */
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  /** Bot API server: a self-hosted one, or a test fake. */
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .default(TELEGRAM_DEFAULT_API_ROOT),
  /** Set: updates arrive by webhook at this URL (served on HTTP_PORT at its path); unset: long polling. */
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  /** The secret Telegram sends with each webhook request; derived from the bot token when unset. */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
    .optional(),
};

/**
 * Telegram delivers webhooks to https URLs only; plain http is allowed when the Bot API server is
 * not Telegram's (a self-hosted telegram-bot-api, or a test server). Returns what is wrong, if anything.
 */
export function webhookUrlProblem(url: string, apiRoot: string): string | undefined {
  if (new URL(url).protocol === "https:" || apiRoot !== TELEGRAM_DEFAULT_API_ROOT) return undefined;
  return "TELEGRAM_WEBHOOK_URL must be an https URL (Telegram delivers webhooks over https only)";
}
