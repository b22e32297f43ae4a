/**
 * Presses of ‹ Prev / Next ›: the page is recomputed from the button's own data (paging.ts) and
 * shown in place of the message. Every press is answered, with a notice when the page could
 * not be turned, so the person's client never spins.
 */
import type { Bot, Context, Filter } from "grammy";
import { findCommand } from "../../../commands/index.js";
import { GENERIC_FAILURE, runCommand } from "../../../commands/run.js";
import { chatId } from "../../core/chat.js";
import type { Logger } from "../../core/logger.js";
import { accessRefusal } from "./access.js";
import type { HandlerDeps } from "./command-handlers.js";
import { errorFields } from "./error-fields.js";
import { truncate } from "../../core/format.js";
import { decodePageButton, findQueryInMessage } from "./paging.js";
import { replaceMessage } from "./replies.js";
import { renderReply } from "./render.js";

/** Turns the page; returns a notice for the person when it could not. */
async function turnPage(
  ctx: Filter<Context, "callback_query:data">,
  { context }: HandlerDeps,
  log: Logger,
): Promise<string | undefined> {
  const request = decodePageButton(ctx.callbackQuery.data);
  const message = ctx.callbackQuery.message;
  const command = request && findCommand(request.command);
  if (!request || !command) return "This button no longer works. Send the command again.";
  const expired = `This list has expired. Send /${command.name} again.`;
  // A message Telegram no longer lets the bot see arrives with date 0 and no text.
  if (!message || message.date === 0) return expired;
  const query =
    "query" in request
      ? request.query
      : findQueryInMessage(request.queryHash, message.text ?? "", message.entities ?? []);
  if (query === undefined) return expired;

  const asker = { chat: message.chat, from: ctx.callbackQuery.from };
  const refusal = await accessRefusal(command, asker, ctx.api, ctx.me.username, log);
  if (refusal !== undefined) return refusal;
  const chat = chatId("telegram", message.chat.id);
  const reply = await runCommand(command, {
    ...context,
    log,
    chat,
    user: String(ctx.callbackQuery.from.id),
    args: query,
    page: request.page,
  });
  await replaceMessage(ctx.api, message.chat.id, message.message_id, renderReply(reply, context.clock.now()));
  return undefined;
}

export function installPageButtons(bot: Bot, deps: HandlerDeps): void {
  bot.on("callback_query:data", async (ctx) => {
    const log = deps.log.child({ update: ctx.update.update_id, callback: ctx.callbackQuery.data });
    let notice: string | undefined;
    try {
      notice = await turnPage(ctx, deps, log);
    } catch (error) {
      log.error(errorFields(error), "page button failed");
      notice = GENERIC_FAILURE;
    }
    await ctx.answerCallbackQuery(notice === undefined ? undefined : { text: truncate(notice, 200) });
  });
  // Buttons this bot never made (games, other bots' messages forwarded) are answered too.
  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery());
}
