/**
 * Discord's markdown, for text Jobhound did not write: escaping scraped and typed text so it shows
 * as typed, truncating without leaving a lone backslash, links that cannot end early, and joining
 * list items within a length budget, an item at a time (render.ts builds the messages).
 */
import { truncate as truncatePlain } from "../../core/format.js";
import type { Inline } from "../../core/reply.js";

// A backslash before any punctuation renders as the character itself in Discord's markdown, so
// escaping shows nothing. Inline markup is escaped wherever it occurs (with [ and ] escaped, no
// "(url)" can become a link); block markup (headings, lists, quotes) only means something at the
// start of a line.
const INLINE_MARKUP = /[\\*_~`|[\]<@]/g;
const LINE_MARKUP = /^(\s*)(#{1,3}|-#|-|>{1,3})(?=\s)/gm;
const NUMBERED_LIST = /^(\s*\d+)\.(?=\s)/gm;

export function escapeMarkdown(text: string): string {
  return text.replace(INLINE_MARKUP, "\\$&").replace(LINE_MARKUP, "$1\\$2").replace(NUMBERED_LIST, "$1\\.");
}

/** Core's truncation, never ending inside an escape (a lone backslash would escape the "…"). */
export function truncate(text: string, max: number): string {
  const cut = truncatePlain(text, max);
  if (cut === text) return cut;
  const body = cut.slice(0, -1);
  const trailingBackslashes = /\\+$/.exec(body)?.[0].length ?? 0;
  return trailingBackslashes % 2 === 1 ? `${body.slice(0, -1)}…` : cut;
}

export const isWebUrl = (url: string | undefined): url is string => url !== undefined && /^https?:\/\/\S+$/i.test(url);

/** A URL safe inside markdown's (…): parentheses and spaces would end it early. */
export const linkTarget = (url: string): string =>
  url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

export function inline(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === "string") return escapeMarkdown(part);
      if ("url" in part)
        return isWebUrl(part.url)
          ? `[${escapeMarkdown(part.text)}](${linkTarget(part.url)})`
          : escapeMarkdown(part.text);
      if (part.style === "code") return `\`${part.text.replace(/`/g, "ˋ")}\``;
      return part.style === "bold" ? `**${escapeMarkdown(part.text)}**` : `*${escapeMarkdown(part.text)}*`;
    })
    .join("");
}

/** A piece of a description, and what goes before it unless it comes first. */
export interface Piece {
  text: string;
  separator: string;
}

export const PARAGRAPH = "\n\n";
export const LINE = "\n";

/** Joins pieces until the budget is spent; what does not fit is counted, not cut mid-piece. */
export function fitPieces(pieces: readonly Piece[], budget: number): string {
  let text = "";
  for (const [index, piece] of pieces.entries()) {
    const separator = index === 0 ? "" : piece.separator;
    const next = pieces[index + 1];
    const tail = next ? `${next.separator}…and ${pieces.length - index - 1} more` : "";
    if (text.length + separator.length + piece.text.length + tail.length > budget) {
      if (index === 0) return `${truncate(piece.text, budget - tail.length)}${tail}`;
      return `${text}${separator}…and ${pieces.length - index} more`;
    }
    text += separator + piece.text;
  }
  return text;
}

/** Entries joined by one separator within the budget, as fitPieces does. */
export const joinWithin = (entries: readonly string[], separator: string, budget: number): string =>
  fitPieces(
    entries.map((text) => ({ text, separator })),
    budget,
  );
