/**
 * Keys: what a query's terms stand for and what a job has, as short strings, so the index can file
 * queries under them and find, for a job, the queries its keys reach. A word anywhere is itself
 * ("rust"), a field's word is "title:rust", a prefix "*kube" or "title*kube", a place "@europe", a
 * stated salary "$USD". Words never contain ":", "*", "@" or "$", so keys of different kinds
 * cannot collide. Here: an atom's keys, the keys a job has (by number), and how common each key is
 * likely to be among jobs, for filing queries under their rarest terms.
 */
import type { Atom, Field } from "./ast.js";
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

/** Every prefix has at least this many letters (the parser's rule): a word's first ones rule most prefixes out. */
const MIN_PREFIX = 2;

/** Past this many distinct words, the words' keys are forgotten and found again (a matcher can live for days). */
const KNOWN_WORDS_LIMIT = 200_000;

const NO_KEYS = new Int32Array(0);

type Scope = Field | "";

/**
 * Finds the keys a job has among those the index uses, by number. A job has hundreds of words and
 * most words recur from job to job, so the keys a word gives (itself, and the prefixes it starts
 * with) are worked out once and kept: a word then costs one lookup of a string already hashed.
 */
export class JobKeys {
  private readonly fields = new Set<Field>();
  private readonly prefixes = new Map<Scope, Map<string, { prefix: string; key: number }[]>>();
  private readonly known = new Map<Scope, Map<string, Int32Array>>();

  constructor(private readonly numbers: ReadonlyMap<string, number>) {
    for (const [key, number] of numbers) {
      const star = key.indexOf("*");
      const colon = key.indexOf(":");
      if (star >= 0) {
        const scope = key.slice(0, star) as Scope;
        const prefix = key.slice(star + 1);
        const byStart = this.prefixes.get(scope) ?? new Map<string, { prefix: string; key: number }[]>();
        this.prefixes.set(scope, byStart);
        const start = prefix.slice(0, MIN_PREFIX);
        byStart.set(start, [...(byStart.get(start) ?? []), { prefix, key: number }]);
        if (scope !== "") this.fields.add(scope);
      } else if (colon >= 0) {
        this.fields.add(key.slice(0, colon) as Field);
      }
    }
  }

  /** Calls `visit` with the number of every key the job has; a number may come more than once. */
  forEach(doc: JobDocument, visit: (key: number) => void): void {
    this.words("", doc.words, visit);
    for (const field of this.fields) this.words(field, doc.fields[field], visit);
    for (const place of doc.places) {
      const key = this.numbers.get(`@${place}`);
      if (key !== undefined) visit(key);
    }
    const currency = doc.salary && this.numbers.get(`$${doc.salary.currency}`);
    if (currency !== undefined) visit(currency);
  }

  private words(scope: Scope, words: Iterable<string>, visit: (key: number) => void): void {
    let known = this.known.get(scope);
    if (!known || known.size > KNOWN_WORDS_LIMIT) this.known.set(scope, (known = new Map()));
    for (const word of words) {
      let keys = known.get(word);
      if (!keys) known.set(word, (keys = this.keysOf(scope, word)));
      for (let i = 0; i < keys.length; i += 1) visit(keys[i] as number);
    }
  }

  private keysOf(scope: Scope, word: string): Int32Array {
    const keys: number[] = [];
    const own = this.numbers.get(wordKey(scope || undefined, word));
    if (own !== undefined) keys.push(own);
    for (const { prefix, key } of this.prefixes.get(scope)?.get(word.slice(0, MIN_PREFIX)) ?? []) if (word.startsWith(prefix)) keys.push(key);
    return keys.length === 0 ? NO_KEYS : Int32Array.from(keys);
  }
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
