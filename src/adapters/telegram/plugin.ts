/** Telegram as a plug-in (docs/ARCHITECTURE.md "Platforms are plug-ins"). */
import { definePlatform } from "../platform.js";
import { TELEGRAM, telegramAddressing, telegramRates } from "./addressing.js";
import { startTelegram } from "./bot.js";
import { telegramConfig } from "./config.js";

export const telegramPlatform = definePlatform({
  name: TELEGRAM,
  config: telegramConfig,
  addressing: telegramAddressing,
  rates: telegramRates,
  configure: ({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot }) =>
    token === undefined
      ? undefined
      : { secrets: [token], start: (context) => startTelegram({ token, apiRoot }, context) },
});
