/**
 * Telegram's HTML dialect (parse_mode "HTML"): escaping, measuring and packing into messages.
 * The limit of 4096 applies to the text after tags and entities are parsed, in UTF-16 code
 * units, so lengths here are measured on what a person sees, not on the markup.
 */
import { truncate } from "../../core/format.js";

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
  return packPieces(pieces, max).map((message) => message.html);
}

/** As packMessages, also saying which pieces each message holds (an alert's buttons follow its jobs). */
export function packPieces<P extends Piece>(
  pieces: readonly P[],
  max = MAX_MESSAGE_LENGTH,
): { html: string; pieces: P[] }[] {
  const messages: { html: string; pieces: P[] }[] = [];
  let current: { html: string; pieces: P[] } = { html: "", pieces: [] };
  let length = 0;
  for (const piece of pieces) {
    const html = fit(piece.html, max);
    const size = visibleText(html).length;
    const joined = length + piece.separator.length + size;
    if (current.html !== "" && joined > max) {
      messages.push(current);
      current = { html: "", pieces: [] };
      length = 0;
    }
    const separator = current.html === "" ? "" : piece.separator;
    current.html += separator + html;
    current.pieces.push(piece);
    length += separator.length + size;
  }
  if (current.html.trim() !== "") messages.push(current);
  return messages;
}
