/**
 * Keys: what a query's terms stand for and what a job has, as short strings, so the index can file
 * queries under them and find, for a job, the queries its keys reach. A word anywhere is itself
 * ("rust"), a field's word is "title:rust", a prefix "*kube" or "title*kube", a place "@europe", a
 * stated salary "$USD". Words never contain ":", "*", "@" or "$", so keys of different kinds
 * cannot collide. Also how common each key is likely to be among jobs, for filing queries under
 * their rarest terms.
 */
import { FIELDS, type Atom, type Field } from "./ast.js";
import type { JobDocument } from "./document.js";
import { RARE_WORD_SHARE, WORD_SHARES } from "./word-shares.js";

export const wordKey = (field: Field | undefined, word: string) => (field ? `${field}:${word}` : word);

/** The key a job the atom matches is sure to have; for a phrase, that of each of its words. */
export function atomKeys(atom: Atom): string[] {
  switch (atom.kind) {
    case "word":
      return [wordKey(atom.field, atom.term)];
    case "phrase":
      // Every word of a phrase is among the job's words (equivalent phrases add theirs).
      return atom.terms.map((term) => wordKey(atom.field, term));
    case "prefix":
      return [`${atom.field ?? ""}*${atom.prefix}`];
    case "place":
      return [`@${atom.place}`];
    case "salary":
      return [`$${atom.currency}`];
  }
}

/** Which kinds of keys some query uses, so a job enumerates only those. */
export class KeyShape {
  readonly fields = new Set<Field>();
  /**
   * Per field ("" for anywhere), the prefixes in use by their first two letters, each with its key:
   * a job's word then costs one lookup and a few startsWith, not a new string per prefix length.
   */
  readonly prefixes = new Map<Field | "", Map<string, { prefix: string; key: string }[]>>();

  add(key: string): void {
    const star = key.indexOf("*");
    if (star >= 0) {
      const field = key.slice(0, star) as Field | "";
      const prefix = key.slice(star + 1);
      const byStart = this.prefixes.get(field) ?? new Map<string, { prefix: string; key: string }[]>();
      const start = prefix.slice(0, MIN_PREFIX);
      byStart.set(start, [...(byStart.get(start) ?? []), { prefix, key }]);
      this.prefixes.set(field, byStart);
    } else if (key.includes(":")) {
      this.fields.add(key.slice(0, key.indexOf(":")) as Field);
    }
  }
}

/** Every prefix has at least this many letters (the parser's rule): a word's first ones rule most prefixes out. */
const MIN_PREFIX = 2;

/** Calls `visit` with every key of the job that the shape says some query uses. */
export function forEachJobKey(doc: JobDocument, shape: KeyShape, visit: (key: string) => void): void {
  for (const word of doc.words) visit(word);
  for (const field of FIELDS) if (shape.fields.has(field)) for (const word of doc.fields[field]) visit(`${field}:${word}`);
  for (const [field, byStart] of shape.prefixes) {
    for (const word of field === "" ? doc.words : doc.fields[field]) {
      const started = byStart.get(word.slice(0, MIN_PREFIX));
      if (started) for (const { prefix, key } of started) if (word.startsWith(prefix)) visit(key);
    }
  }
  for (const place of doc.places) visit(`@${place}`);
  if (doc.salary) visit(`$${doc.salary.currency}`);
}

/**
 * Rough shares of jobs that have a key, beyond what word-shares.ts says of words: a word in one
 * field is rarer than anywhere; sources and job types are few, so each is shared by many jobs;
 * places, salary currencies and prefixes are broad.
 */
const FIELD_SHARE: Readonly<Record<Field, number>> = { title: 0.2, tag: 0.2, company: 0.05, location: 0.3, source: 1, type: 1 };
const BROAD_SHARE = 0.3;
const PREFIX_SHARE = 0.15;

/** How large a share of jobs is likely to have the key. */
export function keyShare(key: string): number {
  if (key.startsWith("@") || key.startsWith("$")) return BROAD_SHARE;
  const star = key.indexOf("*");
  const colon = key.indexOf(":");
  const field = (star >= 0 ? key.slice(0, star) : colon >= 0 ? key.slice(0, colon) : "") as Field | "";
  if (field === "source" || field === "type") return BROAD_SHARE;
  const inField = field === "" ? 1 : FIELD_SHARE[field];
  if (star >= 0) return prefixShare(key.slice(star + 1)) * inField;
  return (WORD_SHARES.get(colon >= 0 ? key.slice(colon + 1) : key) ?? RARE_WORD_SHARE) * inField;
}

/** A prefix is about as common as the words it starts together ("cont*": content, contribute, …). */
function prefixShare(prefix: string): number {
  let share = PREFIX_SHARE;
  for (const [word, wordShare] of WORD_SHARES) if (word.startsWith(prefix)) share += wordShare;
  return Math.min(1, share);
}
