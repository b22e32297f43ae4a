/** Telegram as a plug-in (docs/ARCHITECTURE.md "Platforms are plug-ins"). */
import { definePlatform } from "../platform.js";
import { TELEGRAM, telegramAddressing, telegramRates } from "./addressing.js";
import { startTelegram } from "./bot.js";
import { telegramConfig, webhookUrlProblem } from "./config.js";
import { derivedWebhookSecret } from "./webhook.js";

export const telegramPlatform = definePlatform({
  name: TELEGRAM,
  config: telegramConfig,
  addressing: telegramAddressing,
  rates: telegramRates,
  configure: ({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot, ...settings }) => {
    if (token === undefined) return undefined;
    const url = settings.TELEGRAM_WEBHOOK_URL;
    if (url === undefined) return { secrets: [token], start: (context) => startTelegram({ token, apiRoot }, context) };
    const problem = webhookUrlProblem(url, apiRoot);
    if (problem) throw new Error(problem);
    const webhook = { url, secret: settings.TELEGRAM_WEBHOOK_SECRET ?? derivedWebhookSecret(token) };
    return {
      secrets: [token, webhook.secret],
      start: (context) => startTelegram({ token, apiRoot, webhook }, context),
    };
  },
});
