/**
 * Taps on an alert's buttons: Save, Hide, Mute company (issue #18). The payload is checked and
 * acted on by the platform-neutral runAlertAction (commands/alert-actions.ts); Telegram supplies
 * who tapped where, gets a short answer shown as a toast, and the alert is edited: a note under it
 * ("📌 Saved ✓") and that job's row of buttons replaced (Unsave) or removed, other rows kept.
 *
 * The edit starts from what Telegram hands back with the tap (the alert's text, entities and
 * keyboard), so nothing about sent alerts is stored; and the payload's signature comes from the
 * bot token, so buttons keep working across restarts and on every copy of the bot.
 *
 * Pacing: the edit goes through bot.api's transformer (reply-pacing.ts) and so through the chat's
 * send budget like any reply. The answer to the tap is no message in the chat (Telegram does not
 * count it against the chat's limits), so it is answered at once.
 */
import type { Api, Bot, Context, Filter } from "grammy";
import type { InlineKeyboardButton, Message } from "grammy/types";
import { runAlertAction, type AlertActionResult } from "../../../commands/alert-actions.js";
import type { SharedContext } from "../../../commands/command.js";
import { EXPIRED_BUTTON } from "../../../commands/index.js";
import { GENERIC_FAILURE } from "../../../commands/run.js";
import type { AlertActionCodec } from "../../core/alert-action-payload.js";
import { chatId } from "../../core/chat.js";
import { describeError } from "../../core/errors.js";
import { truncate } from "../../core/format.js";
import type { Logger } from "../../core/logger.js";
import { ADMIN_CHECK_FAILED, mayChangeChat } from "./access.js";
import { personalChat, TELEGRAM } from "./addressing.js";
import { errorFields } from "./error-fields.js";
import { MAX_MESSAGE_LENGTH } from "./html.js";
import { isUnchanged } from "./replies.js";
import { actionRow, rowNumber, withNote } from "./render.js";

/** answerCallbackQuery takes at most 200 characters. */
const MAX_ANSWER = 200;
/**
 * The entities the renderer's markup makes, handed back with the alert. Others in a message
 * (mentions, hashtags, bare URLs) are Telegram's own detection, which it makes again on the edit.
 */
const FORMATTING = new Set(["bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "text_link"]);
/** Every payload of ours starts so (alert-action-payload.ts); page buttons start "pg1:". */
const ALERT_PAYLOAD = /^a1:/;

export interface AlertButtonDeps {
  context: SharedContext;
  log: Logger;
  codec: AlertActionCodec;
}

type Tap = Filter<Context, "callback_query:data">;

interface Outcome {
  answer: string;
  edit?: () => Promise<void>;
}

async function act(ctx: Tap, { context, codec }: AlertButtonDeps, log: Logger): Promise<Outcome> {
  const { data, from, message } = ctx.callbackQuery;
  // A button on an inline message (not a chat's) is no alert of ours.
  if (!message) return { answer: EXPIRED_BUTTON };
  const chat = chatId(TELEGRAM, message.chat.id);
  const isPrivate = message.chat.type === "private";
  const decoded = codec.decode(chat, data);
  // Only Hide and Mute in a group need the admin check: Save is for everyone, so spare the call.
  let isAdmin = false;
  if (!isPrivate && decoded.ok && (decoded.action === "hide" || decoded.action === "mute")) {
    try {
      isAdmin = await mayChangeChat({ chat: message.chat, from }, ctx.api);
    } catch (error) {
      log.warn({ reason: describeError(error) }, "could not check administrator status");
      return { answer: ADMIN_CHECK_FAILED };
    }
  }
  const { store, clock } = context;
  const owner = personalChat(from.id);
  const user = String(from.id);
  const result = await runAlertAction({ chat, user, isPrivate, isAdmin, owner, payload: data, codec, store, clock });
  const { edit } = result;
  // A message Telegram no longer lets the bot see arrives without its text: leave it be.
  if (!edit || !decoded.ok || !("text" in message) || message.text === undefined) return { answer: result.answer };
  const shown = { ...message, text: message.text };
  const seq = decoded.seq;
  const isJobRow = (row: InlineKeyboardButton[]) =>
    row.some((button) => {
      if (!("callback_data" in button)) return false;
      const payload = codec.decode(chat, button.callback_data);
      return payload.ok && payload.seq === seq;
    });
  return { answer: result.answer, edit: () => editAlert(ctx.api, shown, isJobRow, edit) };
}

/** The alert with the note added and the job's row (found by `isJobRow`) replaced by the new buttons. */
async function editAlert(
  api: Api,
  message: Message & { text: string },
  isJobRow: (row: InlineKeyboardButton[]) => boolean,
  { note, buttons }: NonNullable<AlertActionResult["edit"]>,
): Promise<void> {
  const keyboard = message.reply_markup?.inline_keyboard ?? [];
  const index = keyboard.findIndex(isJobRow);
  // The alert no longer shows that job's buttons (tapped on a stale view): nothing to change.
  const row = keyboard[index];
  if (!row) return;
  const number = rowNumber(row);
  const rows = keyboard.flatMap((current, i) =>
    i !== index ? [current] : buttons.length > 0 ? [actionRow(buttons, number)] : [],
  );
  const { text, bodyLength } = withNote(message.text, note, number);
  const entities = (message.entities ?? []).filter(
    (entity) => FORMATTING.has(entity.type) && entity.offset + entity.length <= bodyLength,
  );
  const reply_markup = { inline_keyboard: rows };
  try {
    // An alert packed close to the limit has no room for the note: its buttons still change.
    if (text.length > MAX_MESSAGE_LENGTH)
      await api.editMessageReplyMarkup(message.chat.id, message.message_id, { reply_markup });
    else
      await api.editMessageText(message.chat.id, message.message_id, text, {
        entities,
        link_preview_options: { is_disabled: true },
        reply_markup,
      });
  } catch (error) {
    // A second tap of the same button asks for the edit already made: not a failure.
    if (!isUnchanged(error)) throw error;
  }
}

export function installAlertButtons(bot: Bot, deps: AlertButtonDeps): void {
  bot.callbackQuery(ALERT_PAYLOAD, async (ctx) => {
    const log = deps.log.child({ update: ctx.update.update_id, chat: ctx.chat?.id, callback: ctx.callbackQuery.data });
    let outcome: Outcome;
    try {
      outcome = await act(ctx, deps, log);
    } catch (error) {
      log.error(errorFields(error), "alert button failed");
      outcome = { answer: GENERIC_FAILURE };
    }
    await ctx.answerCallbackQuery({ text: truncate(outcome.answer, MAX_ANSWER) });
    await outcome.edit?.().catch((error: unknown) => log.error(errorFields(error), "could not edit the alert"));
  });
}
