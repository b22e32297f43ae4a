/**
 * Turns a posting's HTML into the plain text Job.description holds: paragraphs separated by a
 * blank line, list items as "• " lines, entities decoded, no markup. Shared by every source whose
 * board sends HTML descriptions.
 *
 * A board may send anything (issue #14 saw 1.2 MB of short paragraphs), so the work is bounded:
 * at most MAX_HTML_LENGTH characters of HTML are parsed, at most MAX_TAGS tags of them, and nothing
 * past the point where elements nest more than MAX_DEPTH deep (the text then ends with "…" either
 * way), and the text is read in one walk over the tree, in time linear in its size, without
 * recursion (a list nested 30,000 deep must not overflow the stack).
 *
 * The HTML is parsed by htmlparser2 (cheerio's `xml` option in HTML mode), not parse5: parse5's
 * fragment parsing moves every top-level node with an indexOf and a splice (quadratic in the number
 * of paragraphs), and its tree construction is quadratic in the nesting depth (a 24,000-deep list
 * took minutes). htmlparser2 streams in linear time and reads the boards' real descriptions
 * (tests/fixtures/sources) into exactly the same text.
 */
import * as cheerio from "cheerio";
import type { CheerioAPI } from "cheerio";
import { cleanMultiline } from "../core/job.js";

/** cheerio's node type, named through cheerio rather than its undeclared dependency domhandler. */
type AnyNode = Parameters<typeof cheerio.contains>[0];

/**
 * How much of one description's HTML is parsed; the rest is dropped. The store keeps 16 KB of a
 * description's text (src/store/job-index.ts), and HTML carries about 1.5 to 3 times its text, so
 * 64 KB loses nothing that would be kept while bounding the work (about 8,000 paragraphs).
 */
export const MAX_HTML_LENGTH = 64 * 1024;
/** What ends a text whose HTML was cut. */
export const CUT_MARK = "…";

/** How deep elements may nest before the rest is dropped; real postings stay under 20. */
export const MAX_DEPTH = 100;

/**
 * How many tags (opening, closing, void) are parsed before the rest is dropped. The time a
 * description takes goes with its tags: 64 KB of nothing but `<p>x</p>` (16,000 tags) took
 * 100-300 ms in one go, which is how long the bot heard nothing else (issue #14). The boards'
 * real postings have at most about 550 (tests/fixtures/sources); 2,000 take about 15 ms.
 */
export const MAX_TAGS = 2000;

/** The element loadHtml wraps a fragment in; plainText treats it as an inline element. */
const ROOT_TAG = "jobhound-fragment";
const ROOT_CLOSE = new RegExp(`</${ROOT_TAG}\\s*>`, "gi");

const HTML_PARSER = { xml: { xmlMode: false, decodeEntities: true } };

/*
 * Whitespace inside HTML text is not layout (a newline in the source is just a space), so all of it
 * is collapsed first. The breaks the markup implies are emitted as private-use characters, which
 * survive that and become newlines afterwards.
 */
/** An explicit <br>: always one newline. */
const BR = "\uE000";
/** Block edges. Adjacent edges merge (a </p> followed by <p> is one break, not two). */
const LINE = "\uE001";
const PARAGRAPH = "\uE002";
/** Breaks right after a bullet are dropped: list items often wrap their text in a <p>. */
const BULLET = "\uE003";
/** The markers, as a board might send them itself: removed from its text first. */
const MARKERS = /[\uE000-\uE003]/g;

const BULLET_AND_BREAKS = new RegExp(`${BULLET}[ ${BR}${LINE}${PARAGRAPH}]*`, "g");
const BLOCK_EDGES = new RegExp(`[ ${LINE}${PARAGRAPH}]*[${LINE}${PARAGRAPH}][ ${LINE}${PARAGRAPH}]*`, "g");

const PARAGRAPH_TAGS = new Set([..."p h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre hr figure".split(" ")]);
const LINE_TAGS = new Set("div section article header footer tr dt dd".split(" "));
const SKIPPED_TAGS = new Set(["script", "style", "template", "noscript"]);

/** Documents loaded from HTML that was cut at MAX_HTML_LENGTH: their text ends with CUT_MARK. */
const cutDocuments = new WeakSet<CheerioAPI>();

/**
 * Loads a description's HTML as a fragment: at most `maxLength` characters of it (cut before a tag
 * the cut would split), and only up to the tag that would nest deeper than MAX_DEPTH. For sources
 * that pick things out of the markup before plainText.
 */
export function loadHtml(html: string, maxLength = MAX_HTML_LENGTH): CheerioAPI {
  let kept = html;
  if (kept.length > maxLength) {
    kept = kept.slice(0, maxLength);
    const lastOpen = kept.lastIndexOf("<");
    if (lastOpen > kept.lastIndexOf(">")) kept = kept.slice(0, lastOpen);
  }
  kept = kept.slice(0, tooMuchMarkupAt(kept));
  // One root element holds the fragment: a selector run on a root with thousands of children (one
  // per paragraph) sorts its matches in quadratic time (domutils removeSubsets; 1 s per 64 KB item).
  // A closing tag of that name in the board's HTML would end it early, so none is kept.
  const $ = cheerio.load(`<${ROOT_TAG}>${kept.replace(ROOT_CLOSE, "")}</${ROOT_TAG}>`, HTML_PARSER, false);
  if (kept.length < html.length) cutDocuments.add($);
  return $;
}

/** Elements that are never open (void) or close by themselves (the next item, row, paragraph). */
const NOT_NESTING = new Set(
  "area base br col embed hr img input link meta param source track wbr li p dt dd tr td th option".split(" "),
);
const TAG = /<(\/?)([a-z][^\s/>]*)[^>]*>/gi;

/**
 * Where the first tag past MAX_TAGS or nesting deeper than MAX_DEPTH starts, or the length when
 * none does. The parser keeps its open elements in a list it shifts on every tag, so depth costs it
 * time quadratically; this scan follows the same elements with a bounded stack, in linear time.
 */
function tooMuchMarkupAt(html: string): number {
  const open: string[] = [];
  let tags = 0;
  for (const tag of html.matchAll(TAG)) {
    if (++tags > MAX_TAGS) return tag.index;
    const name = (tag[2] as string).toLowerCase();
    if (NOT_NESTING.has(name) || tag[0].endsWith("/>")) continue;
    if (tag[1] === "/") {
      const at = open.lastIndexOf(name);
      if (at !== -1) open.length = at;
    } else if (open.push(name) > MAX_DEPTH) return tag.index;
  }
  return html.length;
}

/** The plain text of a description's HTML (see loadHtml for the cap). */
export function htmlText(html: string, maxLength = MAX_HTML_LENGTH): string {
  // Text without markup or entities reads the same without a parser, which 60,000 items would feel.
  if (html.length <= maxLength && !/[<&]/.test(html))
    return cleanMultiline(html.replace(/\s+/g, " ").replace(MARKERS, ""));
  return plainText(loadHtml(html, maxLength));
}

/** What the walk does when it leaves a list item: drops it if no text came since `start`. */
interface ListItemEnd {
  start: number;
  content: number;
}

/** The plain text of a loaded HTML document or fragment. */
export function plainText($: CheerioAPI): string {
  const parts: string[] = [];
  // Text (and <br>s) seen so far: a list item that adds none is dropped whole, bullet and all.
  let content = 0;
  let listDepth = 0;
  // Nodes to enter, and what to do on leaving an element: a string is the edge to emit.
  const stack: (AnyNode | string | ListItemEnd)[] = [...$.root().toArray()];
  while (stack.length > 0) {
    const step = stack.pop() as AnyNode | string | ListItemEnd;
    if (typeof step === "string") {
      parts.push(step);
      continue;
    }
    if (!("type" in step)) {
      listDepth -= 1;
      if (content === step.content) parts.length = step.start;
      continue;
    }
    const node = step;
    if (node.type === "text") {
      const text = node.data.replace(MARKERS, "");
      if (/\S/.test(text)) content += 1;
      parts.push(text);
      continue;
    }
    if (node.type === "comment" || !("children" in node)) continue;
    const name = "name" in node ? node.name.toLowerCase() : "";
    if (SKIPPED_TAGS.has(name)) continue;
    if (name === "br") {
      parts.push(BR);
      content += 1;
      continue;
    }
    if (name === "li") {
      stack.push({ start: parts.length, content });
      parts.push(`${LINE}${BULLET}`);
      listDepth += 1;
    } else {
      // Inside a list item a paragraph is only a line, or items would be a blank line apart.
      const edge = PARAGRAPH_TAGS.has(name) ? (listDepth > 0 ? LINE : PARAGRAPH) : LINE_TAGS.has(name) ? LINE : "";
      if (edge) {
        parts.push(edge);
        stack.push(edge);
      }
    }
    for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as AnyNode);
  }

  const text = parts
    .join("")
    .replace(/\s+/g, " ")
    .replace(BULLET_AND_BREAKS, "• ")
    .replace(BLOCK_EDGES, (edges) => (edges.includes(PARAGRAPH) ? "\n\n" : "\n"))
    .replaceAll(BR, "\n");
  const cleaned = cleanMultiline(text);
  return cutDocuments.has($) ? `${cleaned} ${CUT_MARK}` : cleaned;
}
