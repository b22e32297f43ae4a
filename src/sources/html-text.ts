/**
 * Turns a posting's HTML into the plain text Job.description holds: paragraphs separated by a
 * blank line, list items as "• " lines, entities decoded, no markup. Shared by every source whose
 * board sends HTML descriptions.
 */
import type { CheerioAPI } from "cheerio";
import { cleanMultiline } from "../core/job.js";

/*
 * Whitespace inside HTML text is not layout (a newline in the source is just a space), so all of it
 * is collapsed first. The breaks the markup implies are inserted beforehand as private-use
 * characters, which survive that and become newlines afterwards.
 */
/** An explicit <br>: always one newline. */
const BR = "\uE000";
/** Block edges. Adjacent edges merge (a </p> followed by <p> is one break, not two). */
const LINE = "\uE001";
const PARAGRAPH = "\uE002";
/** Breaks right after a bullet are dropped: list items often wrap their text in a <p>. */
const BULLET = "\uE003";

const BULLET_AND_BREAKS = new RegExp(`${BULLET}[ ${BR}${LINE}${PARAGRAPH}]*`, "g");
const BLOCK_EDGES = new RegExp(`[ ${LINE}${PARAGRAPH}]*[${LINE}${PARAGRAPH}][ ${LINE}${PARAGRAPH}]*`, "g");

const PARAGRAPH_TAGS = "p, h1, h2, h3, h4, h5, h6, ul, ol, dl, table, blockquote, pre, hr, figure";
const LINE_TAGS = "div, section, article, header, footer, tr, dt, dd";

/** The plain text of a loaded HTML document or fragment. Mutates `$`. */
export function plainText($: CheerioAPI): string {
  $("script, style, template, noscript").remove();
  $("br").replaceWith(BR);
  $("li").each((_, li) => {
    const item = $(li);
    if (item.text().trim() === "") item.remove();
    else item.prepend(`${LINE}${BULLET}`);
  });
  $(PARAGRAPH_TAGS).each((_, block) => {
    // Inside a list item a paragraph is only a line, or items would be a blank line apart.
    const edge = $(block).parents("li").length > 0 ? LINE : PARAGRAPH;
    $(block).before(edge).after(edge);
  });
  $(LINE_TAGS).before(LINE).after(LINE);

  const text = $.root()
    .text()
    .replace(/\s+/g, " ")
    .replace(BULLET_AND_BREAKS, "• ")
    .replace(BLOCK_EDGES, (edges) => (edges.includes(PARAGRAPH) ? "\n\n" : "\n"))
    .replaceAll(BR, "\n");
  return cleanMultiline(text);
}
