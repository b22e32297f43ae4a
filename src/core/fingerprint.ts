/**
 * Cross-source identity of a job (docs/ARCHITECTURE.md, The data flow): the same posting on two boards has the same
 * company and title once case, accents, punctuation and legal suffixes are set aside.
 */

import { foldCase } from "./query/tokenize.js";

const LEGAL_SUFFIXES = new Set([
  "inc",
  "llc",
  "ltd",
  "limited",
  "gmbh",
  "corp",
  "corporation",
  "co",
  "sa",
  "bv",
  "ag",
  "plc",
  "srl",
  "oy",
  "ab",
]);

/** Lower case, accents removed (as the query tokenizer folds), punctuation turned into spaces, whitespace collapsed. */
function foldText(text: string): string {
  return foldCase(text)
    .replace(/[^\p{L}\p{N}+#]+/gu, " ")
    .trim();
}

function normaliseCompany(company: string): string {
  const words = foldText(company).split(" ");
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? "")) words.pop();
  return words.join(" ");
}

/*
 * Boards restyle the same title: Remote OK drops punctuation ("Senior Full Stack Engineer Machine
 * ID United Kingdom"), others write "Full-Stack" or "Fullstack", "Sr." for "Senior", add
 * "(Remote)" or a German gender marker "(m/w/d)". None of that makes it another job.
 */
const TITLE_REWRITES: readonly [RegExp, string][] = [
  [/\b(m|w|f|d|h|x)( (m|w|f|d|h|x)){1,2}\b/g, " "],
  [/\ball genders\b/g, " "],
  [/\b(100 )?remote\b/g, " "],
  [/\bsr\b/g, "senior"],
  [/\bjr\b/g, "junior"],
  [/\b(full|front|back) (stack|end)\b/g, "$1$2"],
  [/\bdev ops\b/g, "devops"],
];

function normaliseTitle(title: string): string {
  let folded = foldText(title);
  for (const [pattern, replacement] of TITLE_REWRITES) folded = folded.replace(pattern, replacement);
  const cleaned = folded.replace(/\s+/g, " ").trim();
  // A title that was only "Remote" keeps its word rather than becoming empty.
  return cleaned || foldText(title);
}

export function fingerprint(company: string, title: string): string {
  return `${normaliseCompany(company)}|${normaliseTitle(title)}`;
}

/**
 * The URL with what does not identify a page removed (scheme case, "www.", fragment, tracking
 * parameters, trailing slash), so a job linked twice is recognised.
 */
export function canonicalUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.trim().toLowerCase();
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, "");
  for (const key of [...parsed.searchParams.keys()]) {
    if (/^(utm_|ref$|source$)/i.test(key)) parsed.searchParams.delete(key);
  }
  const query = parsed.searchParams.toString();
  const path = parsed.pathname.replace(/\/+$/, "");
  return `${host}${path}${query ? `?${query}` : ""}`;
}
