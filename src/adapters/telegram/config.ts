/** Telegram's part of the configuration schema (src/config.ts spreads it in). */
import { z } from "zod";

export const telegramConfig = {
  /** The token from @BotFather; the Telegram adapter runs when it is set. */
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  /** Bot API server: a self-hosted one, or a test fake. */
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .default("https://api.telegram.org"),
};
