/**
 * What the fake Bot API checks before accepting a message, as Telegram does: the HTML (or the
 * entities given instead) parses, the text is neither empty nor over 4096 characters, and every
 * button is well formed (callback_data of 1-64 bytes, http(s) URLs, at most 8 in a row and 100 in all). A refusal of a malformed request is "malformed": the fake keeps it
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
// Not in the Bot API documentation, but what Telegram answers "reply markup is too long" beyond
// (collected in tginfo/Telegram-Limits): 8 buttons in a row, 100 in a keyboard.
const MAX_BUTTONS_PER_ROW = 8;
const MAX_BUTTONS = 100;

const ENTITY_TYPES = new Set([
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "text_link",
  "code",
  "pre",
  "blockquote",
  "url",
  "bot_command",
]);

/** Entities given instead of a parse mode (as editing from a message's own text and entities does). */
function checkEntities(text: string, entities: unknown): TextEntity[] {
  if (!Array.isArray(entities)) throw badRequest("can't parse entities: an array expected");
  for (const entity of entities as TextEntity[]) {
    if (!ENTITY_TYPES.has(entity.type)) throw badRequest(`can't parse entities: unsupported type ${entity.type}`);
    if (!(entity.offset >= 0 && entity.length > 0 && entity.offset + entity.length <= text.length))
      throw badRequest("can't parse entities: an entity beyond the end of the text");
    if (entity.type === "text_link" && !/^https?:\/\//.test(entity.url ?? "")) throw badRequest("wrong HTTP URL");
  }
  return entities as TextEntity[];
}

/**
 * The text as Telegram shows it: parsed from HTML with parse_mode "HTML", or plain text with the
 * `entities` given beside it (Telegram takes one or the other).
 */
export function checkText(
  html: unknown,
  parseMode: unknown,
  entities?: unknown,
): { text: string; entities: TextEntity[] } {
  if (typeof html !== "string") throw badRequest("message text is empty");
  let parsed: { text: string; entities: TextEntity[] } = { text: html, entities: [] };
  if (entities !== undefined && parseMode === undefined)
    parsed = { text: html, entities: checkEntities(html, entities) };
  else if (parseMode === "HTML") {
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
  if (rows.some((row: unknown[]) => row.length > MAX_BUTTONS_PER_ROW) || rows.flat().length > MAX_BUTTONS)
    throw badRequest("reply markup is too long");
  for (const button of rows.flat() as InlineButton[]) {
    if (!button.text) throw badRequest("BUTTON_TEXT_EMPTY");
    if ((button.url === undefined) === (button.callback_data === undefined)) throw badRequest("BUTTON_TYPE_INVALID");
    if (button.url !== undefined && !/^https?:\/\/[^\s/]+/.test(button.url)) throw badRequest("BUTTON_URL_INVALID");
    const size = button.callback_data === undefined ? 1 : Buffer.byteLength(button.callback_data, "utf8");
    if (size < 1 || size > MAX_CALLBACK_BYTES) throw badRequest("BUTTON_DATA_INVALID");
  }
  return { inline_keyboard: rows as InlineButton[][] };
}
