/**
 * Telegram's HTML dialect (parse_mode "HTML"): escaping, measuring and packing into messages.
 * The limit of 4096 applies to the text after tags and entities are parsed, in UTF-16 code
 * units, so lengths here are measured on what a person sees, not on the markup.
 */

export const MAX_MESSAGE_LENGTH = 4096;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const UNESCAPES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"' };

/** Escapes text for element content and for double-quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);
}

/** What a person sees of markup this module produced: tags dropped, entities decoded. */
export function visibleText(html: string): string {
  return html.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot);/g, (_, name: string) => UNESCAPES[name] ?? "");
}

/**
 * At most `max` UTF-16 units of plain text, cut at a word boundary when one is near and marked
 * with "…". Never splits a surrogate pair (an emoji cut in half is invalid UTF-8 for the API).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uDC00-\uDFFF]/.test(text.charAt(end))) end -= 1;
  const space = text.lastIndexOf(" ", end);
  if (space > end * 0.8) end = space;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** A piece of balanced markup, and what separates it from the piece before it. */
export interface Piece {
  html: string;
  separator: string;
}

/** A piece that alone is over the limit loses its markup and is shortened: sent, never rejected. */
function fit(html: string, max: number): string {
  return visibleText(html).length <= max ? html : escapeHtml(truncate(visibleText(html), max));
}

/**
 * Packs pieces into as few messages as fit the limit, splitting only between pieces (between
 * jobs, list items, paragraphs), so no tag is ever cut in two.
 */
export function packMessages(pieces: readonly Piece[], max = MAX_MESSAGE_LENGTH): string[] {
  const messages: string[] = [];
  let current = "";
  let length = 0;
  for (const piece of pieces) {
    const html = fit(piece.html, max);
    const size = visibleText(html).length;
    const joined = length + piece.separator.length + size;
    if (current !== "" && joined > max) {
      messages.push(current);
      current = "";
      length = 0;
    }
    const separator = current === "" ? "" : piece.separator;
    current += separator + html;
    length += separator.length + size;
  }
  if (current.trim() !== "") messages.push(current);
  return messages;
}
