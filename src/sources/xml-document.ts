/**
 * A feed's XML, loaded in slices. cheerio.load parses a whole body in one call: 400 ms for a 3.7 MB
 * feed of 10,000 items, during which no command, health check or SIGTERM is heard (issue #14).
 * The same parser (htmlparser2, through cheerio's stream) is fed a few KB at a time instead, with
 * a pause for the event loop whenever a slice is used up.
 *
 * The parser keeps its open elements in a list it shifts on every tag, so its time grows with the
 * square of the nesting depth (80,000 nested elements took 2.4 s; 5 MB of them would take minutes),
 * and reading the text of such a tree overflows the stack. Real feeds nest a few elements deep: a
 * feed nesting deeper than MAX_XML_DEPTH is refused before it is parsed.
 */
import * as cheerio from "cheerio";
import type { CheerioAPI } from "cheerio";
import type { Slices } from "../core/slices.js";
import { PayloadError } from "./payload.js";

/** cheerio's node type, named through cheerio rather than its undeclared dependency domhandler. */
type AnyNode = Parameters<typeof cheerio.contains>[0];

/** About 1 to 3 ms of parsing each, so a slice ends close to its budget. */
const CHUNK_LENGTH = 16 * 1024;

/** How deep a feed's elements may nest (XHTML content in Atom included); real feeds stay under 30. */
export const MAX_XML_DEPTH = 1000;

/**
 * What the depth scan steps over: CDATA sections and comments (markup in them is text), then any
 * other tag, up to its ">" or the next "<". A pattern that needs no backtracking: a hostile body
 * must not make the scan itself slow.
 */
const MARKUP = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<[^<>]*>?/g;

/**
 * Loads `xml` as cheerio.load(xml, { xml: true }) would, pausing between chunks. Throws a
 * PayloadError for a document nesting elements more than MAX_XML_DEPTH deep.
 */
export async function loadXml(xml: string, slices: Slices): Promise<CheerioAPI> {
  await checkDepth(xml, slices);
  let settle: { resolve(value: CheerioAPI): void; reject(reason: unknown): void } | undefined;
  const loaded = new Promise<CheerioAPI>((resolve, reject) => (settle = { resolve, reject }));
  const stream = cheerio.stringStream({ xml: true }, (error, $) => {
    if (error) settle?.reject(error);
    else settle?.resolve($);
  });
  try {
    for (let at = 0; at < xml.length; at += CHUNK_LENGTH) {
      if (slices.due()) await slices.pause();
      stream.write(xml.slice(at, at + CHUNK_LENGTH));
    }
  } catch (error) {
    // Stopped at a pause (shutdown): the half-built document is dropped.
    stream.destroy();
    throw error;
  }
  stream.end();
  return loaded;
}

/** Follows the nesting of `xml`'s elements in one linear scan, in slices, without building anything. */
async function checkDepth(xml: string, slices: Slices): Promise<void> {
  let depth = 0;
  let steps = 0;
  for (const [markup] of xml.matchAll(MARKUP)) {
    if (++steps % 1000 === 0 && slices.due()) await slices.pause();
    if (markup.startsWith("</")) depth = Math.max(0, depth - 1);
    else if (/^<[^!?]/.test(markup) && markup.endsWith(">") && !markup.endsWith("/>") && ++depth > MAX_XML_DEPTH)
      throw new PayloadError(`the document nests elements more than ${MAX_XML_DEPTH} deep`);
  }
}

/**
 * The elements at `path` below the document root ("rss", "channel", "item"), found by walking the
 * children. The selector "rss > channel > item" checks every element of the document in one call,
 * and a cheerio wrapper per item costs too (together over 100 ms for 10,000 items): a parse wraps
 * each item as it reads it.
 */
export function elementsAt($: CheerioAPI, path: readonly string[]): AnyNode[] {
  let found: AnyNode[] = $.root().toArray();
  for (const name of path)
    found = found.flatMap((node) =>
      "children" in node ? node.children.filter((child) => "name" in child && child.name === name) : [],
    );
  return found;
}
