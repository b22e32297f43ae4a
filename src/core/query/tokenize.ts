/**
 * Words, not substrings: "java" must not match "JavaScript", nor "go" match "Google". Text is
 * case- and accent-folded and split on anything that is not a letter or digit, except that the
 * technology names of equivalents.ts keep their punctuation (`c++`, `node.js`, `ci/cd`), and every
 * spelling in that table becomes its canonical word. Queries and jobs go through these same
 * functions, so both sides always agree on what a word is.
 */
import { CANONICAL, PHRASES } from "./equivalents.js";

/** Anything beyond printable ASCII and line breaks: only such text can need accent folding. */
const NON_ASCII = /[^\x20-\x7e\t\n\r]/;
const MARKS = /\p{M}/gu;

/** Lower case without accents: "Café" → "cafe". Most postings are ASCII and skip the Unicode work. */
export function foldCase(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(MARKS, "").toLowerCase();
}

const PART_SEPARATOR = /([.\-/])/;
const SOFT_HYPHEN = "\u00ad";
const TRAILING_SIGNS = /[+#]+$/;
// Marks count as word characters until folding removes them, so "cafe\u0301" stays one word.
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** The longest punctuated name, in parts: "objective-c" is 2, "pl/sql" 2; 4 leaves room to grow. */
const MAX_NAME_PARTS = 4;

type Visit = (canonical: string, surface: string) => void;

/**
 * A word's shape, its first letter and length, rules out most words before a table lookup: hashing
 * every word of every posting into CANONICAL and PHRASES cost more than the rest of tokenizing.
 */
const SHAPES = 128 * 32;
const shapeOf = (word: string) => (word.charCodeAt(0) & 127) * 32 + Math.min(word.length, 31);
function shapes(words: Iterable<string>): Uint8Array {
  const table = new Uint8Array(SHAPES);
  for (const word of words) table[shapeOf(word)] = 1;
  return table;
}
const mayBeKnown = (table: Uint8Array, word: string) => table[shapeOf(word)] === 1;
const KNOWN_SHAPES = shapes(CANONICAL.keys());
const PHRASE_SHAPES = shapes(PHRASES.keys());

/** ASCII letters and digits, by character code. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, code) => Number(/[a-z0-9]/i.test(String.fromCharCode(code))));
const [DOT, HYPHEN, SLASH, PLUS, HASH] = [".", "-", "/", "+", "#"].map((char) => char.charCodeAt(0)) as [
  number,
  number,
  number,
  number,
  number,
];

/**
 * How many UTF-16 units the letter or digit at `at` takes (0 when there is none), for characters
 * beyond ASCII. Latin accents and typographic punctuation are decided without a regular expression.
 */
function wideWordCharLength(text: string, at: number, code: number): number {
  if (code >= 0xc0 && code <= 0x24f) return code === 0xd7 || code === 0xf7 ? 0 : 1;
  if ((code >= 0x2000 && code <= 0x206f) || Number.isNaN(code)) return 0;
  const char = String.fromCodePoint(text.codePointAt(at) as number);
  return WORD_CHAR.test(char) ? char.length : 0;
}

function isWordChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code < 128 ? ASCII_WORD[code] === 1 : wideWordCharLength(text, at, code) > 0;
}

/**
 * The end of the word starting at `from`, with its trailing + and # signs (c++, c#). Negative
 * (-end - 1) when the word has letters beyond ASCII, which need folding.
 */
function endOfWord(text: string, from: number): number {
  let at = from;
  let wide = false;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code < 128) {
      if (ASCII_WORD[code] === 0) break;
      at += 1;
    } else {
      const step = wideWordCharLength(text, at, code);
      if (step === 0) break;
      wide = true;
      at += step;
    }
  }
  for (let code = text.charCodeAt(at); code === PLUS || code === HASH; code = text.charCodeAt(at)) at += 1;
  return wide ? -at - 1 : at;
}

const isSeparator = (code: number) => code === DOT || code === HYPHEN || code === SLASH;

/**
 * Calls `visit` with each word of `text` in order: its canonical form and its spelling there. A
 * candidate is a word, or words joined by . - / (each may end in + or #), optionally after a
 * leading dot; candidates with punctuation are split unless they are (or contain) known names.
 * A hand-written scanner: it is the hottest loop of matching, several times faster than a regex.
 * Folding accents is costly, so only words with non-ASCII letters are folded, and scanned again.
 */
export function scanWords(text: string, visit: Visit): void {
  // A soft hyphen only says where a word may break ("Medizin\u00adtechnik"): it joins, never splits.
  const joined = text.includes(SOFT_HYPHEN) ? text.replaceAll(SOFT_HYPHEN, "") : text;
  scanLowerCase(joined.toLowerCase(), visit, true);
}

function scanLowerCase(text: string, visit: Visit, foldAccents: boolean): void {
  const length = text.length;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    const dotted = code === DOT && isWordChar(text, at + 1) && (at === 0 || !isWordChar(text, at - 1));
    if (!dotted && (code < 128 ? ASCII_WORD[code] === 0 : wideWordCharLength(text, at, code) === 0)) {
      at += 1;
      continue;
    }
    let end = endOfWord(text, dotted ? at + 1 : at);
    let wide = end < 0;
    if (wide) end = -end - 1;
    let punctuated = dotted || text.charCodeAt(end - 1) === PLUS || text.charCodeAt(end - 1) === HASH;
    while (isSeparator(text.charCodeAt(end)) && isWordChar(text, end + 1)) {
      end = endOfWord(text, end + 1);
      if (end < 0) [end, wide] = [-end - 1, true];
      punctuated = true;
    }
    const candidate = text.slice(at, end);
    if (wide && foldAccents) scanLowerCase(foldCase(candidate), visit, false);
    else if (punctuated) splitCandidate(candidate, visit);
    else visit((mayBeKnown(KNOWN_SHAPES, candidate) && CANONICAL.get(candidate)) || candidate, candidate);
    at = end;
  }
}

/** "node.js/react" → node.js, react; "e.g" → e, g; ".net" stays; "a+" → a. Known names win, longest first. */
function splitCandidate(candidate: string, visit: Visit): void {
  const known = CANONICAL.get(candidate);
  if (known) return visit(known, candidate);
  const dotted = candidate.startsWith(".");
  // word, separator, word, separator, word …
  const pieces = (dotted ? candidate.slice(1) : candidate).split(PART_SEPARATOR);
  const count = (pieces.length + 1) / 2;
  for (let start = 0; start < count;) {
    const name = longestName(pieces, start, count, dotted && start === 0);
    if (name) {
      visit(name.canonical, name.surface);
      start = name.end + 1;
    } else {
      visitWord(pieces[2 * start] ?? "", visit);
      start += 1;
    }
  }
}

function longestName(pieces: readonly string[], start: number, count: number, dotted: boolean) {
  for (let end = Math.min(count, start + MAX_NAME_PARTS) - 1; end >= start; end -= 1) {
    const name = pieces.slice(2 * start, 2 * end + 1).join("");
    const surface = dotted && CANONICAL.has(`.${name}`) ? `.${name}` : name;
    const canonical = CANONICAL.get(surface);
    if (canonical) return { canonical, surface, end };
  }
  return undefined;
}

function visitWord(word: string, visit: Visit): void {
  const known = CANONICAL.get(word);
  if (known) return visit(known, word);
  const bare = word.replace(TRAILING_SIGNS, "");
  if (bare !== "") visit(CANONICAL.get(bare) ?? bare, bare);
}

/** The canonical words of `text`, in order. */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  scanWords(text, (canonical) => terms.push(canonical));
  return terms;
}

export interface AnalysedText {
  /** Canonical words in order, for phrases. */
  terms: string[];
  /** Other words the text also counts as saying: its own spellings ("golang") and equivalent phrases' words ("ml"). */
  aliases: string[];
}

export function analyse(text: string): AnalysedText {
  const terms: string[] = [];
  const aliases: string[] = [];
  scanWords(text, (canonical, surface) => {
    terms.push(canonical);
    if (surface !== canonical) aliases.push(surface);
  });
  for (let i = 0; i < terms.length; i += 1) {
    if (!mayBeKnown(PHRASE_SHAPES, terms[i] as string)) continue;
    for (const phrase of PHRASES.get(terms[i] as string) ?? []) {
      if (phrase.words.every((word, k) => terms[i + k] === word)) aliases.push(phrase.canonical);
    }
  }
  return { terms, aliases };
}

/** Query side: runs of words that form an equivalent phrase become its canonical word ("machine learning" → ml). */
export function collapsePhrases(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < terms.length;) {
    const phrase = (PHRASES.get(terms[i] as string) ?? []).find((p) =>
      p.words.every((word, k) => terms[i + k] === word),
    );
    out.push(phrase ? phrase.canonical : (terms[i] as string));
    i += phrase ? phrase.words.length : 1;
  }
  return out;
}
