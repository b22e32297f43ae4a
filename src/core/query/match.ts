/**
 * Matching a parsed query against a job document, and explaining the match: the words that made
 * it, title and tag words first (DESIGN §4). Both matchers (naive and indexed) and /latest call
 * matchQuery, so they cannot disagree about what matches.
 */
import type { Atom, Field, Query } from "./ast.js";
import type { JobDocument } from "./document.js";
import { PHRASES_OF } from "./equivalents.js";

export type { JobDocument } from "./document.js";
export { compactDocument, jobDocument } from "./document.js";

/** How many words one prefix may contribute to an explanation ("devops, devopsdays, …" would be noise). */
const PREFIX_WORDS_SHOWN = 3;

export function atomMatches(atom: Atom, doc: JobDocument): boolean {
  switch (atom.kind) {
    case "word":
      return (atom.field ? doc.fields[atom.field] : doc.words).has(atom.term);
    case "phrase":
      return phraseOccurs(atom.terms, doc, atom.field);
    case "prefix":
      return (atom.field ? doc.fields[atom.field] : doc.words).hasPrefix(atom.prefix);
    case "place":
      return doc.places.has(atom.place);
    case "salary":
      return doc.salary !== undefined && doc.salary.currency === atom.currency && doc.salary.yearlyTop >= atom.atLeast;
  }
}

/** Whether every clause to include matches and no clause to exclude does. */
export function queryMatches(query: Query, doc: JobDocument): boolean {
  for (const clause of query.include) if (!clause.atoms.some((atom) => atomMatches(atom, doc))) return false;
  for (const clause of query.exclude) if (clause.atoms.some((atom) => atomMatches(atom, doc))) return false;
  return true;
}

/** The words that made the job match, title and tag words first; null when it does not match. */
export function matchQuery(query: Query, doc: JobDocument): string[] | null {
  return queryMatches(query, doc) ? explain(query, doc) : null;
}

function explain(query: Query, doc: JobDocument): string[] {
  const strong: string[] = [];
  const weak: string[] = [];
  for (const clause of query.include) {
    for (const atom of clause.atoms) {
      if (!atomMatches(atom, doc)) continue;
      for (const [word, isStrong] of evidence(atom, doc)) (isStrong ? strong : weak).push(word);
    }
  }
  return [...new Set([...strong, ...weak])];
}

/** The words an atom that matched stands for, each with whether it is in the title or tags. */
function evidence(atom: Atom, doc: JobDocument): [word: string, strong: boolean][] {
  switch (atom.kind) {
    case "word":
      return [[atom.term, doc.strong.has(atom.term)]];
    case "phrase":
      return [[atom.terms.join(" "), atom.terms.every((term) => doc.strong.has(term))]];
    case "prefix": {
      const words = (atom.field ? doc.fields[atom.field] : doc.words).withPrefix(atom.prefix);
      const ranked = [...words.filter((w) => doc.strong.has(w)), ...words.filter((w) => !doc.strong.has(w))];
      return ranked.slice(0, PREFIX_WORDS_SHOWN).map((word) => [word, doc.strong.has(word)]);
    }
    case "place":
      return [[atom.text, false]];
    case "salary":
      return [];
  }
}

function phraseOccurs(terms: readonly string[], doc: JobDocument, field: Field | undefined): boolean {
  const words = field ? doc.fields[field] : doc.words;
  // Cheap first: every word of the phrase must be there at all (equivalent phrases included).
  if (!terms.every((term) => words.has(term))) return false;
  return doc.sequences(field).some((sequence) => sequence.some((_, start) => phraseAt(sequence, start, terms, 0)));
}

/** Whether terms[k..] occur in `sequence` from `at` on, each as itself or as an equivalent phrase. */
function phraseAt(sequence: readonly string[], at: number, terms: readonly string[], k: number): boolean {
  if (k === terms.length) return true;
  const term = terms[k] as string;
  if (sequence[at] === term && phraseAt(sequence, at + 1, terms, k + 1)) return true;
  for (const words of PHRASES_OF.get(term) ?? []) {
    if (words.every((word, i) => sequence[at + i] === word) && phraseAt(sequence, at + words.length, terms, k + 1)) return true;
  }
  return false;
}
