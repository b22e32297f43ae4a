/**
 * Keys: what a query's terms stand for and what a job has, as short strings, so the index can file
 * queries under them and find, for a job, the queries its keys reach. A word anywhere is itself
 * ("rust"), a field's word is "title:rust", a prefix "*kube" or "title*kube", a place "@europe", a
 * stated salary "$USD". Words never contain ":", "*", "@" or "$", so keys of different kinds
 * cannot collide. Here: an atom's keys, the keys a job has (by number), and how common each key is
 * likely to be among jobs, for filing queries under their rarest terms.
 */
import { MIN_PREFIX_LETTERS, isDerivedField, type Atom, type DerivedField, type Field } from "./ast.js";
import type { JobDocument } from "./document.js";
import { RARE_WORD_SHARE, WORD_SHARES } from "./word-shares.js";

export const wordKey = (field: Field | undefined, word: string) => (field ? `${field}:${word}` : word);

/**
 * Atoms are shared by the queries holding them (shared-clauses.ts), and filing a query asks for
 * its atoms' keys several times: each atom's are made once.
 */
const keysOfAtom = new WeakMap<Atom, readonly string[]>();

/** The key a job the atom matches is sure to have; for a phrase, that of each of its words. */
export function atomKeys(atom: Atom): readonly string[] {
  let keys = keysOfAtom.get(atom);
  if (!keys) keysOfAtom.set(atom, (keys = Object.freeze(keysOf(atom))));
  return keys;
}

function keysOf(atom: Atom): string[] {
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

/**
 * Every prefix has at least this many UTF-16 units: the parser asks for this many letters, which
 * are at least as many units. A word's first two rule most prefixes out.
 */
const MIN_PREFIX = MIN_PREFIX_LETTERS;

type Scope = Field | "";

/** A word's first two UTF-16 units as one number, without making a string of them. */
const startOf = (word: string) => (word.charCodeAt(0) << 16) | word.charCodeAt(1);

interface ScopeKeys {
  /** The words some key names in this scope ("rust" for "rust", or for "title:rust" in title's scope). */
  words: Map<string, number>;
  /** The prefixes in use, by their first two units (startOf). */
  prefixes: Map<number, { prefix: string; key: number }[]>;
}

/**
 * Finds the keys a job has among those the index uses, by number. Asked of every word of every
 * new job (some 400 per posting), so a word costs one lookup among the keys' words, which are few
 * (a few thousand for a million subscriptions), one among the prefixes' first two units, and a
 * startsWith for each prefix sharing those. Keys are added as queries bring them, never removed
 * (a key no query uses any more costs a lookup that finds nothing to do).
 */
export class JobKeys {
  private readonly scopes = new Map<Scope, ScopeKeys>();
  private readonly numbers = new Map<string, number>();

  /** Adds a key under its number. */
  add(key: string, number: number): void {
    this.numbers.set(key, number);
    if (key.startsWith("@") || key.startsWith("$")) return;
    const star = key.indexOf("*");
    const colon = key.indexOf(":");
    if (star >= 0) {
      const prefix = key.slice(star + 1);
      const { prefixes } = this.scope(key.slice(0, star) as Scope);
      const start = startOf(prefix);
      const started = prefixes.get(start);
      if (started) started.push({ prefix, key: number });
      else prefixes.set(start, [{ prefix, key: number }]);
    } else {
      this.scope(colon >= 0 ? (key.slice(0, colon) as Field) : "").words.set(key.slice(colon + 1), number);
    }
  }

  private scope(name: Scope): ScopeKeys {
    let keys = this.scopes.get(name);
    if (!keys) this.scopes.set(name, (keys = { words: new Map(), prefixes: new Map() }));
    return keys;
  }

  /** Calls `visit` with the number of every key the job has; a number may come more than once. */
  forEach(doc: JobDocument, visit: (key: number) => void): void {
    for (const [scope, keys] of this.scopes) visitWords(scope === "" ? doc.words : doc.fields[scope], keys, visit);
    for (const place of doc.places) {
      const key = this.numbers.get(`@${place}`);
      if (key !== undefined) visit(key);
    }
    const currency = doc.salary && this.numbers.get(`$${doc.salary.currency}`);
    if (currency !== undefined) visit(currency);
  }
}

function visitWords(
  words: Iterable<string>,
  { words: named, prefixes }: ScopeKeys,
  visit: (key: number) => void,
): void {
  for (const word of words) {
    const key = named.get(word);
    if (key !== undefined) visit(key);
    if (prefixes.size === 0 || word.length < MIN_PREFIX) continue;
    const started = prefixes.get(startOf(word));
    if (started) for (const { prefix, key: prefixKey } of started) if (word.startsWith(prefix)) visit(prefixKey);
  }
}

/**
 * Rough shares of jobs that have a key, beyond what word-shares.ts says of words: a word in one
 * field is rarer than anywhere; sources and job types are few, so each is shared by many jobs;
 * places, salary currencies and prefixes are broad.
 */
const FIELD_SHARE: Readonly<Record<Exclude<Field, "source" | "type" | DerivedField>, number>> = {
  title: 0.2,
  tag: 0.2,
  company: 0.05,
  location: 0.3,
};
const BROAD_SHARE = 0.3;
const PREFIX_SHARE = 0.15;

/** How large a share of jobs is likely to have the key. */
export function keyShare(key: string): number {
  if (key.startsWith("@") || key.startsWith("$")) return BROAD_SHARE;
  const star = key.indexOf("*");
  const colon = key.indexOf(":");
  const field = (star >= 0 ? key.slice(0, star) : colon >= 0 ? key.slice(0, colon) : "") as Field | "";
  // Derived fields (level, years, closed) have a few values, each shared by many jobs.
  if (field === "source" || field === "type" || (field !== "" && isDerivedField(field))) return BROAD_SHARE;
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
