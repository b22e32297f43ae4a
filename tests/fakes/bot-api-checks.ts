/**
 * What the fake Bot API checks before accepting a message, as Telegram does: the HTML parses, the
 * text is neither empty nor over 4096 characters, and every button is well formed (callback_data
 * of 1-64 bytes, http(s) URLs). A refusal of a malformed request is "malformed": the fake keeps it
 * as a violation, since the bot should never send one.
 */
import type { ApiFailure } from "./fake-bot-api.js";
import { parseTelegramHtml, TelegramHtmlError, type TextEntity } from "./telegram-html.js";

export interface InlineButton {
  text: string;
  url?: string;
  callback_data?: string;
}

export class Refusal extends Error {
  constructor(
    readonly failure: ApiFailure,
    readonly malformed = false,
  ) {
    super(failure.description);
  }
}
export const badRequest = (description: string, malformed = true) =>
  new Refusal({ error_code: 400, description: `Bad Request: ${description}` }, malformed);

const MAX_TEXT = 4096;
const MAX_CALLBACK_BYTES = 64;

export function checkText(html: unknown, parseMode: unknown): { text: string; entities: TextEntity[] } {
  if (typeof html !== "string") throw badRequest("message text is empty");
  let parsed: { text: string; entities: TextEntity[] } = { text: html, entities: [] };
  if (parseMode === "HTML") {
    try {
      parsed = parseTelegramHtml(html);
    } catch (error) {
      if (error instanceof TelegramHtmlError) throw badRequest(error.message);
      throw error;
    }
  }
  if (parsed.text.trim() === "") throw badRequest("message text is empty");
  if (parsed.text.length > MAX_TEXT) throw badRequest(`message is too long (${parsed.text.length} characters)`);
  return parsed;
}

export function checkMarkup(markup: unknown): { inline_keyboard: InlineButton[][] } | undefined {
  if (markup === undefined) return undefined;
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw badRequest("inline keyboard expected");
  for (const button of rows.flat() as InlineButton[]) {
    if (!button.text) throw badRequest("BUTTON_TEXT_EMPTY");
    if ((button.url === undefined) === (button.callback_data === undefined)) throw badRequest("BUTTON_TYPE_INVALID");
    if (button.url !== undefined && !/^https?:\/\/[^\s/]+/.test(button.url)) throw badRequest("BUTTON_URL_INVALID");
    const size = button.callback_data === undefined ? 1 : Buffer.byteLength(button.callback_data, "utf8");
    if (size < 1 || size > MAX_CALLBACK_BYTES) throw badRequest("BUTTON_DATA_INVALID");
  }
  return { inline_keyboard: rows as InlineButton[][] };
}
