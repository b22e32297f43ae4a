/**
 * The first step of reading a query: splits the text into terms and OR operators, keeping each
 * one's position for error messages. A term runs to the next space or `|` outside quotes, so
 * `title:"staff engineer"` is one term. Typographic quotes (“ ” „), which phones insert, count as ".
 */
import { QueryError } from "./query-error.js";

export type Lexeme = { kind: "term"; text: string; start: number } | { kind: "or"; start: number };

const QUOTES = /[“”„]/g;
const SPACE = /\s/;
// C0 and C1 controls other than the whitespace that separates terms, and every invisible format
// character (Unicode category Cf: zero-width spaces and joiners, word joiner, BOM, soft hyphen,
// bidirectional overrides): never part of a word, and a way to make a query read differently from
// what it matches ("go\u200dlang" looks like golang). One exception: a zero-width joiner between two
// emoji, which makes one visible picture (👩‍💻) rather than hiding anything.
const EMOJI_JOINER =
  /(?<=\p{Extended_Pictographic}(?:\u{fe0f}|\p{Emoji_Modifier})?)\u200d(?=\p{Extended_Pictographic})/uy;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\p{Cf}/gu;

export function lex(typed: string): Lexeme[] {
  checkCharacters(typed);
  const text = typed.replace(QUOTES, '"');
  const lexemes: Lexeme[] = [];
  for (let at = 0; at < text.length;) {
    const char = text[at] as string;
    if (SPACE.test(char)) {
      at += 1;
    } else if (char === "|") {
      lexemes.push({ kind: "or", start: at });
      at += 1;
    } else {
      const end = endOfTerm(text, at);
      const term = text.slice(at, end);
      lexemes.push(term.toLowerCase() === "or" ? { kind: "or", start: at } : { kind: "term", text: term, start: at });
      at = end;
    }
  }
  return lexemes;
}

function endOfTerm(text: string, start: number): number {
  let quoteOpenedAt: number | undefined;
  let at = start;
  for (; at < text.length; at += 1) {
    const char = text[at] as string;
    if (char === '"') quoteOpenedAt = quoteOpenedAt === undefined ? at : undefined;
    else if (quoteOpenedAt === undefined && (SPACE.test(char) || char === "|")) break;
  }
  if (quoteOpenedAt !== undefined) {
    throw new QueryError(
      text,
      quoteOpenedAt,
      "Unclosed quote",
      'Close it after the phrase, like "machine learning", or remove it.',
    );
  }
  return at;
}

function checkCharacters(text: string): void {
  for (const found of text.matchAll(INVISIBLE)) {
    EMOJI_JOINER.lastIndex = found.index;
    if (EMOJI_JOINER.test(text)) continue;
    const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
    throw new QueryError(
      text,
      found.index,
      `Invisible character U+${code}`,
      "Remove it and type the query as plain words: queries are matched on the words you can see.",
    );
  }
}
