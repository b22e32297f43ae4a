/**
 * Matching a parsed query against a job document, and explaining the match: the words that made
 * it, title and tag words first (docs/ARCHITECTURE.md, The query language). The naive matcher and /latest call queryMatches, the
 * indexed matcher atomMatches for what its keys cannot answer, and every alert's words come from
 * explainMatch, so none of them can disagree about what matches.
 */
import { isDerivedField, type Atom, type Clause, type Field, type Query } from "./ast.js";
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
  // Plain loops: this runs for every query a job reaches, 100,000 times per job in the naive loop.
  for (const clause of query.include) if (!clauseMatches(clause, doc)) return false;
  for (const clause of query.exclude) if (clauseMatches(clause, doc)) return false;
  return true;
}

function clauseMatches(clause: Clause, doc: JobDocument): boolean {
  for (const atom of clause.atoms) if (atomMatches(atom, doc)) return true;
  return false;
}

/** The words that made a job the query matches match, title and tag words first, each once. */
export function explainMatch(query: Query, doc: JobDocument): string[] {
  const evidence: Evidence = { strong: [], weak: undefined };
  for (const { atoms } of query.include) {
    // The query matched, so a clause of one atom did; only alternatives need asking which.
    if (atoms.length === 1) addEvidence(atoms[0] as Atom, doc, evidence);
    else for (const atom of atoms) if (atomMatches(atom, doc)) addEvidence(atom, doc, evidence);
  }
  // A copy, of exactly its length: an array grown by push holds room for 17, and a cycle keeps
  // every match's words until it commits (195,000 at a million subscriptions: 30 MB of room).
  return evidence.weak ? evidence.strong.concat(evidence.weak) : evidence.strong.slice();
}

/** Words in the title or tags, and the others; a word is always the same kind for one job. */
interface Evidence {
  strong: string[];
  weak: string[] | undefined;
}

function note(evidence: Evidence, word: string, strong: boolean): void {
  const list = strong ? evidence.strong : (evidence.weak ??= []);
  if (!list.includes(word)) list.push(word);
}

/** A word an atom that matched stands for, and whether it is title or tag evidence. */
interface AtomEvidence {
  word: string;
  strong: boolean;
}

/** The words an atom that matched stands for, in the order an explanation names them. */
function atomEvidence(atom: Atom, doc: JobDocument): AtomEvidence[] {
  switch (atom.kind) {
    case "word":
      // A derived field's word means nothing alone ("yes", "years>=5"): named as the query wrote it.
      if (isDerivedField(atom.field)) return [{ word: atom.text, strong: false }];
      return [{ word: atom.term, strong: doc.strong.has(atom.term) }];
    case "phrase":
      return [{ word: atom.terms.join(" "), strong: atom.terms.every((term) => doc.strong.has(term)) }];
    case "prefix": {
      const words = (atom.field ? doc.fields[atom.field] : doc.words).withPrefix(atom.prefix);
      const ranked = [...words.filter((w) => doc.strong.has(w)), ...words.filter((w) => !doc.strong.has(w))];
      return ranked.slice(0, PREFIX_WORDS_SHOWN).map((word) => ({ word, strong: doc.strong.has(word) }));
    }
    case "place":
      return [{ word: atom.text, strong: false }];
    case "salary":
      return [];
  }
}

/** Notes the words an atom that matched stands for. */
function addEvidence(atom: Atom, doc: JobDocument, evidence: Evidence): void {
  for (const { word, strong } of atomEvidence(atom, doc)) note(evidence, word, strong);
}

function phraseOccurs(terms: readonly string[], doc: JobDocument, field: Field | undefined): boolean {
  const words = field ? doc.fields[field] : doc.words;
  // Cheap first: every word of the phrase must be there at all (equivalent phrases included).
  for (const term of terms) if (!words.has(term)) return false;
  const { sequence, positions } = doc.phraseText(field);
  const first = terms[0] as string;
  const starts = [first, ...(PHRASES_OF.get(first) ?? []).map((words) => words[0] as string)];
  for (const word of starts) {
    for (const at of positions.get(word) ?? []) if (phraseAt(sequence, at, terms, 0)) return true;
  }
  return false;
}

/** Whether terms[k..] occur in `sequence` from `at` on, each as itself or as an equivalent phrase. */
function phraseAt(sequence: readonly (string | undefined)[], at: number, terms: readonly string[], k: number): boolean {
  if (k === terms.length) return true;
  const term = terms[k] as string;
  if (sequence[at] === term && phraseAt(sequence, at + 1, terms, k + 1)) return true;
  for (const words of PHRASES_OF.get(term) ?? []) {
    if (words.every((word, i) => sequence[at + i] === word) && phraseAt(sequence, at + words.length, terms, k + 1))
      return true;
  }
  return false;
}
