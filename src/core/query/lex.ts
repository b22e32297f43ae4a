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

/** Printable ASCII only: no control, invisible or typographic character to look for. */
const PLAIN = /^[\x20-\x7e]*$/;

/**
 * `\s`, answered without a regular expression for printable ASCII: the alert cycle lexes a
 * million stored queries at a start, character by character.
 */
function isSpace(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code > 32 && code < 127) return false;
  return code === 32 || SPACE.test(char);
}

export function lex(typed: string): Lexeme[] {
  const plain = PLAIN.test(typed);
  if (!plain) checkCharacters(typed);
  const text = plain ? typed : typed.replace(QUOTES, '"');
  const lexemes: Lexeme[] = [];
  for (let at = 0; at < text.length;) {
    const char = text[at] as string;
    if (isSpace(char)) {
      at += 1;
    } else if (char === "|") {
      lexemes.push({ kind: "or", start: at });
      at += 1;
    } else {
      const end = endOfTerm(text, at);
      const term = text.slice(at, end);
      const or = term.length === 2 && term.toLowerCase() === "or";
      lexemes.push(or ? { kind: "or", start: at } : { kind: "term", text: term, start: at });
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
    else if (quoteOpenedAt === undefined && (char === "|" || isSpace(char))) break;
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
