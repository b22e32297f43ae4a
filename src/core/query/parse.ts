/**
 * The query language as far as the foundation goes: every word must occur, `-word` must not.
 * The full language (DESIGN §4) replaces this module behind the same exports.
 */
import { UserError } from "../errors.js";
import { tokenize } from "./tokenize.js";

export interface Query {
  /** Words that must all occur. */
  include: string[];
  /** Words none of which may occur. */
  exclude: string[];
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_TERMS = 20;

export function parseQuery(text: string): Query {
  const input = text.trim();
  if (input === "") throw new UserError("The query is empty. Try something like: rust remote");
  if (input.length > MAX_QUERY_LENGTH) {
    throw new UserError(`That query has ${input.length} characters; the limit is ${MAX_QUERY_LENGTH}. Keep the words that matter most.`);
  }
  if ((input.match(/"/g) ?? []).length % 2 === 1) {
    throw new UserError(`There is an unclosed quote at position ${input.lastIndexOf('"') + 1}: close it or remove it.`);
  }
  const include: string[] = [];
  const exclude: string[] = [];
  for (const term of input.split(/\s+/)) {
    const negated = term.startsWith("-");
    const body = negated ? term.slice(1) : term;
    const words = tokenize(body);
    if (negated && body === "") throw new UserError("A lone \"-\" excludes nothing: write it right before a word, like -php.");
    if (words.length === 0) continue;
    (negated ? exclude : include).push(...words);
  }
  if (include.length + exclude.length > MAX_QUERY_TERMS) {
    throw new UserError(`That query has ${include.length + exclude.length} terms; the limit is ${MAX_QUERY_TERMS}.`);
  }
  if (include.length === 0 && exclude.length > 0) {
    throw new UserError("A query of only exclusions would match almost every job: add at least one word to look for, like: backend -php");
  }
  if (include.length === 0) throw new UserError("That query has no words to look for. Try something like: rust remote");
  return { include: [...new Set(include)], exclude: [...new Set(exclude)] };
}

/** The query in words, as /subscribe confirms it: "jobs mentioning rust and remote, not php". */
export function describeQuery(query: Query): string {
  const words = joinWords(query.include, "and");
  const not = query.exclude.length > 0 ? `, not ${joinWords(query.exclude, "or")}` : "";
  return `jobs mentioning ${words}${not}`;
}

function joinWords(words: readonly string[], conjunction: string): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}
