/**
 * The Telegram adapter: a grammY bot on long polling, with the registry's commands, alert buttons
 * (alert-buttons.ts), page buttons and membership updates installed, and the transport that delivery sends alerts through.
 * TELEGRAM_API_ROOT points it at any Bot API server (a self-hosted one, or a test fake).
 *
 * Errors: every handler runs behind bot.catch, which logs and lets polling go on (without it an
 * error would stop the bot). Alert sends happen outside updates and never reach bot.catch: the
 * transport classifies their failures for the dispatcher.
 *
 * Pacing: replies go through bot.api, whose transformer (reply-pacing.ts) acquires the platform's
 * budget; alerts go through a second Api without it, because delivery acquired the same budget
 * before sending (docs/ARCHITECTURE.md "Delivery's guarantees").
 */
import { Api, Bot, GrammyError } from "grammy";
import { commands } from "../../../commands/index.js";
import { alertActionCodec, alertActionSecret } from "../../core/alert-action-payload.js";
import { followMoves } from "../../delivery/chat-events.js";
import type { ChatTransport } from "../../delivery/transport.js";
import type { PlatformContext, RunningPlatform } from "../platform.js";
import { installAlertButtons } from "./alert-buttons.js";
import { installCommands } from "./command-handlers.js";
import { errorFields } from "./error-fields.js";
import { installMembership } from "./membership.js";
import { installPageButtons } from "./page-buttons.js";
import { replyPacing } from "./reply-pacing.js";
import { telegramTransport } from "./transport.js";
import { webhookHandler } from "./webhook.js";

/** The update kinds the handlers use; Telegram sends nothing else (no chatter from groups). */
const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

/**
 * A bound on every Bot API call: above the 30 s long-polling wait, far below grammY's default of
 * 500 s, which would let one hung send stall a whole delivery round.
 */
const API_TIMEOUT_S = 60;

export interface TelegramOptions {
  token: string;
  apiRoot: string;
  /** Updates by webhook at this URL, with this secret token; long polling when absent. */
  webhook?: { url: string; secret: string };
}

interface TelegramBot {
  bot: Bot;
  transport: ChatTransport;
}

function createTelegramBot({ token, apiRoot }: TelegramOptions, platform: PlatformContext): TelegramBot {
  const { commands: context, log, budget, events, clock, timers } = platform;
  const client = { apiRoot, timeoutSeconds: API_TIMEOUT_S };
  const bot = new Bot(token, { client });

  // grammY retries failed polls by itself, silently: say so in the log, once per failure.
  bot.api.config.use(async (call, method, payload, signal) => {
    try {
      const result = await call(method, payload, signal);
      if (method === "getUpdates" && !result.ok)
        log.warn({ reason: `${result.error_code}: ${result.description}` }, "polling failed; retrying");
      return result;
    } catch (error) {
      if (method === "getUpdates" && !signal?.aborted) log.warn(errorFields(error), "polling failed; retrying");
      throw error;
    }
  });

  bot.api.config.use(replyPacing({ budget, clock, timers, log }));

  const deps = { context, log };
  // Derived from the token: every copy and every restart signs and checks alert buttons alike.
  const codec = alertActionCodec(alertActionSecret(token));
  installMembership(bot, events);
  installAlertButtons(bot, { ...deps, codec });
  installPageButtons(bot, deps);
  installCommands(bot, deps);
  bot.catch(({ error, ctx }) => {
    log.error({ update: ctx.update.update_id, chat: ctx.chat?.id, ...errorFields(error) }, "update handling failed");
  });
  return { bot, transport: followMoves(telegramTransport(new Api(token, client), context.clock, codec), events) };
}

/**
 * Checks the token, publishes the command menu and starts polling, or sets the webhook. Rejects
 * when the token is refused. With polling, `ended` resolves when polling stops after stop(), and
 * rejects when it dies (token revoked, a second instance polling).
 */
export async function startTelegram(options: TelegramOptions, context: PlatformContext): Promise<RunningPlatform> {
  const { log } = context;
  const { bot, transport } = createTelegramBot(options, context);
  try {
    await bot.init();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new Error(
        "the Bot API refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token from @BotFather again",
      );
    }
    throw error;
  }
  await bot.api
    .setMyCommands(commands.map((c) => ({ command: c.name, description: c.description })))
    .catch((error: unknown) => log.warn(errorFields(error), "could not publish the command menu; commands still work"));

  if (options.webhook) return receiveByWebhook(bot, options.webhook, context, transport);

  // bot.start() deletes any webhook first, so switching back from webhooks to polling just works.
  const ended = bot.start({
    allowed_updates: [...ALLOWED_UPDATES],
    onStart: ({ username }) => log.info({ username }, "Telegram: polling for updates"),
  });
  ended.catch((error: unknown) => log.error(errorFields(error), "Telegram polling stopped"));
  return {
    transport,
    ended,
    connected: () => bot.isRunning(),
    async stop() {
      await bot.stop();
      // bot.stop() ends polling without waiting for handlers; the loop's promise does.
      await ended.catch(() => undefined);
    },
  };
}

/**
 * Serves updates on the HTTP server at the webhook URL's path and tells Telegram to send them
 * there (webhook.ts). The webhook stays set when the bot stops: another copy behind the same URL,
 * or this one after a deploy, takes the next updates; Telegram keeps them meanwhile.
 */
async function receiveByWebhook(
  bot: Bot,
  webhook: { url: string; secret: string },
  { http, log }: PlatformContext,
  transport: ChatTransport,
): Promise<RunningPlatform> {
  if (!http) throw new Error("TELEGRAM_WEBHOOK_URL needs HTTP_PORT: the bot's HTTP server receives the webhook");
  const path = new URL(webhook.url).pathname;
  http.add(path, webhookHandler({ secret: webhook.secret, handleUpdate: (update) => bot.handleUpdate(update), log }));
  await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
  log.info({ path }, "Telegram: receiving updates by webhook");
  let receiving = true;
  return {
    transport,
    connected: () => receiving,
    async stop() {
      receiving = false;
    },
  };
}
