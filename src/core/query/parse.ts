/**
 * The query language (docs/ARCHITECTURE.md, The query language), from typed text to a Query: this file splits
 * the text into clauses of terms and checks the whole; parse-term.ts reads each term. Every way a query can be wrong ends
 * in a QueryError saying where and what to write instead; nothing typed becomes a regular
 * expression, and nothing else is thrown.
 */
import { clauseKey, type Atom, type Clause, type Query } from "./ast.js";
import { lex, type Lexeme } from "./lex.js";
import { parseTerm } from "./parse-term.js";
import { QueryError } from "./query-error.js";

export type { Atom, Clause, Field, Query } from "./ast.js";
export { describeQuery } from "./describe.js";

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_TERMS = 20;

interface Parsed {
  clause: Clause;
  negated: boolean;
  start: number;
}

export function parseQuery(text: string): Query {
  const input = text.trim();
  if (input === "") throw new QueryError(text, 0, "Nothing to look for", "Give at least one word, like: rust remote");
  // Characters as people count them (an emoji is one), not UTF-16 units: never more than the
  // units, so a query within the limit in units (almost all) is not split into characters.
  const characters = input.length > MAX_QUERY_LENGTH ? [...input] : [];
  if (characters.length > MAX_QUERY_LENGTH) {
    throw new QueryError(
      text,
      text.indexOf(input) + characters.slice(0, MAX_QUERY_LENGTH).join("").length,
      `The query has ${characters.length} characters; the limit is ${MAX_QUERY_LENGTH}`,
      "Keep the words that matter most.",
    );
  }
  const clauses = groupClauses(text, lex(text));
  let terms = 0;
  for (const { clause, start } of clauses) {
    terms += clause.atoms.length;
    if (terms > MAX_QUERY_TERMS) {
      const total = clauses.reduce((sum, c) => sum + c.clause.atoms.length, 0);
      throw new QueryError(
        text,
        start,
        `The query has ${total} terms; the limit is ${MAX_QUERY_TERMS}`,
        "Keep the words that matter most.",
      );
    }
  }
  // The same term twice means it once. One pass, with lists of keys rather than Maps: a query has
  // at most MAX_QUERY_TERMS clauses, and a start parses 800,000 stored queries.
  const include: Clause[] = [];
  const exclude: Parsed[] = [];
  const includeKeys: string[] = [];
  const excludeKeys: string[] = [];
  for (const parsed of clauses) {
    const key = clauseKey(parsed.clause);
    const keys = parsed.negated ? excludeKeys : includeKeys;
    if (keys.includes(key)) continue;
    keys.push(key);
    if (parsed.negated) exclude.push(parsed);
    else include.push(parsed.clause);
  }
  if (include.length === 0) {
    throw new QueryError(
      text,
      clauses[0]?.start ?? 0,
      "A query of only exclusions would match almost every job",
      "Add at least one word to look for, like: backend -php",
    );
  }
  const conflict = exclude.find((_, i) => includeKeys.includes(excludeKeys[i] as string));
  if (conflict)
    throw new QueryError(text, conflict.start, "This term is both wanted and excluded", "Remove one of the two.");
  return { include, exclude: exclude.map((c) => c.clause) };
}

/**
 * Terms parsed before, by their text: the alert cycle parses a million stored queries, made of a
 * few thousand distinct terms. An atom depends on its text alone (where it stands only places an
 * error, and errors are not kept); kept atoms are frozen, as queries share them. Bounded, so that
 * what people type cannot grow it without end.
 */
const parsedTerms = new Map<string, Atom>();
const MAX_PARSED_TERMS = 20_000;

function parsedTerm(text: string, body: string, start: number, negated: boolean): Atom {
  let atom = parsedTerms.get(body);
  if (atom) return atom;
  atom = parseTerm(text, body, start, negated);
  if (atom.kind === "phrase") Object.freeze(atom.terms);
  if (parsedTerms.size >= MAX_PARSED_TERMS) parsedTerms.clear();
  parsedTerms.set(body, Object.freeze(atom));
  return atom;
}

/** Terms joined by `|` or OR become one clause; a "-" before the first alternative excludes them all. */
function groupClauses(text: string, lexemes: readonly Lexeme[]): Parsed[] {
  const clauses: Parsed[] = [];
  let orAt: number | undefined;
  for (const lexeme of lexemes) {
    if (lexeme.kind === "or") {
      if (orAt !== undefined || clauses.length === 0) throw orWithoutTerm(text, lexeme.start, "before");
      orAt = lexeme.start;
      continue;
    }
    const negated = lexeme.text.startsWith("-");
    const atom = parsedTerm(
      text,
      negated ? lexeme.text.slice(1) : lexeme.text,
      lexeme.start + (negated ? 1 : 0),
      negated,
    );
    const previous = clauses[clauses.length - 1];
    if (orAt !== undefined && previous) {
      if (negated) {
        throw new QueryError(
          text,
          lexeme.start,
          "An alternative cannot be excluded on its own",
          "Exclude each word separately (-php -java), or put - before the first alternative to exclude all of them (-php|java).",
        );
      }
      previous.clause.atoms.push(atom);
      orAt = undefined;
    } else {
      clauses.push({ clause: { atoms: [atom] }, negated, start: lexeme.start });
    }
  }
  if (orAt !== undefined) throw orWithoutTerm(text, orAt, "after");
  return clauses;
}

function orWithoutTerm(text: string, at: number, side: "before" | "after"): QueryError {
  return new QueryError(
    text,
    at,
    `OR (or |) with no term ${side} it`,
    "Put it between two terms, like rust|go or rust OR go.",
  );
}
