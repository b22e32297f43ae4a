/**
 * The indexed matcher: scales to 100,000 subscriptions (`npm run bench -- matcher`).
 *
 * Every query needs at least one of its included clauses to match, so each distinct query is filed
 * under the keys of one such clause: the one its words make rarest (an OR clause under every
 * alternative). A new job looks up only the keys it has (its words, field words, word prefixes,
 * places, salary currency) and fully evaluates just the queries found there. Subscriptions with
 * the same query share one evaluation. Results equal the naive loop's, order included: the
 * property test in tests/unit/core/indexed-matcher.test.ts holds it to that.
 */
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import type { Subscription } from "../subscription.js";
import { FIELDS, queryKey, type Atom, type Clause, type Field, type Query } from "./ast.js";
import type { JobDocument } from "./document.js";
import { jobDocument, matchQuery } from "./match.js";
import { compileSubscriptions, type JobMatcher, type MatcherFactory, type SubscriptionMatch } from "./matcher.js";
import type { Words } from "./words.js";

/** Where a key is looked up: all words (""), or one field's. */
type Space = "" | Field;
const SPACES: readonly Space[] = ["", ...FIELDS];

interface Entry {
  query: Query;
  subscriptions: { subscription: Subscription; order: number }[];
  /** The job this entry was last evaluated for, so a job reaching it by two keys evaluates it once. */
  seenBy: number;
}

type Postings = Map<string, Entry[]>;

interface Index {
  words: Map<Space, Postings>;
  prefixes: Map<Space, { postings: Postings; lengths: number[] }>;
  places: Postings;
  salaries: Postings;
}

/**
 * How much more often a kind of key occurs in jobs than a plain word, roughly: places and salary
 * currencies are shared by many jobs, prefixes by several words.
 */
const BREADTH: Readonly<Record<Atom["kind"], number>> = { word: 1, phrase: 1, prefix: 4, place: 20, salary: 50 };

export interface IndexedMatcher extends JobMatcher {
  /** The subscriptions the index leads a job to, before their queries are evaluated (tests, bench). */
  reached(job: Job): Subscription[];
}

export const indexedMatcher: MatcherFactory = (subscriptions, log) => createIndexedMatcher(subscriptions, log);

export function createIndexedMatcher(subscriptions: readonly Subscription[], log: Logger): IndexedMatcher {
  const entries = groupByQuery(subscriptions, log);
  const index = buildIndex(entries);
  let jobsSeen = 0;

  function candidates(doc: JobDocument): Entry[] {
    const stamp = ++jobsSeen;
    const found: Entry[] = [];
    lookUp(index, doc, (postings) => {
      for (const entry of postings ?? []) {
        if (entry.seenBy === stamp) continue;
        entry.seenBy = stamp;
        found.push(entry);
      }
    });
    return found;
  }

  return {
    reached: (job) => candidates(jobDocument(job)).flatMap((entry) => entry.subscriptions.map((s) => s.subscription)),
    match(job) {
      const doc = jobDocument(job);
      const matches: (SubscriptionMatch & { order: number })[] = [];
      for (const entry of candidates(doc)) {
        const words = matchQuery(entry.query, doc);
        if (words) for (const { subscription, order } of entry.subscriptions) matches.push({ subscription, words, order });
      }
      return matches.sort((a, b) => a.order - b.order).map(({ subscription, words }) => ({ subscription, words }));
    },
  };
}

function groupByQuery(subscriptions: readonly Subscription[], log: Logger): Entry[] {
  const byKey = new Map<string, Entry>();
  compileSubscriptions(subscriptions, log).forEach(({ subscription, query }, order) => {
    const key = queryKey(query);
    const entry = byKey.get(key) ?? { query, subscriptions: [], seenBy: 0 };
    entry.subscriptions.push({ subscription, order });
    byKey.set(key, entry);
  });
  return [...byKey.values()];
}

function lookUp(index: Index, doc: JobDocument, visit: (postings: Entry[] | undefined) => void): void {
  for (const space of SPACES) {
    const words: Words = space === "" ? doc.words : doc.fields[space];
    const postings = index.words.get(space);
    if (postings) for (const word of words) visit(postings.get(word));
    const prefixes = index.prefixes.get(space);
    if (prefixes) {
      for (const word of words) {
        for (const length of prefixes.lengths) {
          if (length > word.length) break;
          visit(prefixes.postings.get(word.slice(0, length)));
        }
      }
    }
  }
  for (const place of doc.places) visit(index.places.get(place));
  if (doc.salary) visit(index.salaries.get(doc.salary.currency));
}

/** Where an atom is filed: a guarantee that any job the atom matches has this key. */
function keyOf(atom: Atom, frequency: ReadonlyMap<string, number>): { kind: "word" | "prefix" | "place" | "salary"; space: Space; key: string } {
  switch (atom.kind) {
    case "word":
      return { kind: "word", space: atom.field ?? "", key: atom.term };
    case "phrase": {
      // Every word of a phrase is among the job's words (equivalent phrases add theirs): take the rarest.
      const space = atom.field ?? "";
      const rarest = [...atom.terms].sort((a, b) => (frequency.get(`${space}:${a}`) ?? 0) - (frequency.get(`${space}:${b}`) ?? 0))[0];
      return { kind: "word", space, key: rarest as string };
    }
    case "prefix":
      return { kind: "prefix", space: atom.field ?? "", key: atom.prefix };
    case "place":
      return { kind: "place", space: "", key: atom.place };
    case "salary":
      return { kind: "salary", space: "", key: atom.currency };
  }
}

function buildIndex(entries: readonly Entry[]): Index {
  const frequency = new Map<string, number>();
  const count = (key: string) => frequency.set(key, (frequency.get(key) ?? 0) + 1);
  for (const { query } of entries) {
    for (const atom of query.include.flatMap((clause) => clause.atoms)) {
      if (atom.kind === "phrase") for (const term of atom.terms) count(`${atom.field ?? ""}:${term}`);
      else count(filedAs(keyOf(atom, frequency)));
    }
  }

  const index: Index = { words: new Map(), prefixes: new Map(), places: new Map(), salaries: new Map() };
  for (const entry of entries) {
    const clause = rarestClause(entry.query.include, frequency);
    for (const atom of clause.atoms) file(index, keyOf(atom, frequency), entry);
  }
  for (const prefixes of index.prefixes.values()) prefixes.lengths.sort((a, b) => a - b);
  return index;
}

const filedAs = ({ kind, space, key }: ReturnType<typeof keyOf>) => (kind === "word" ? `${space}:${key}` : `${kind}:${space}:${key}`);

function rarestClause(clauses: readonly Clause[], frequency: ReadonlyMap<string, number>): Clause {
  const cost = (clause: Clause) =>
    clause.atoms.reduce((sum, atom) => sum + BREADTH[atom.kind] * (frequency.get(filedAs(keyOf(atom, frequency))) ?? 1), 0);
  return clauses.reduce((best, clause) => (cost(clause) < cost(best) ? clause : best));
}

function file(index: Index, { kind, space, key }: ReturnType<typeof keyOf>, entry: Entry): void {
  if (kind === "word") return add(getOrCreate(index.words, space, () => new Map()), key, entry);
  if (kind === "place") return add(index.places, key, entry);
  if (kind === "salary") return add(index.salaries, key, entry);
  const prefixes = getOrCreate(index.prefixes, space, () => ({ postings: new Map(), lengths: [] }));
  if (!prefixes.lengths.includes(key.length)) prefixes.lengths.push(key.length);
  add(prefixes.postings, key, entry);
}

function add(postings: Postings, key: string, entry: Entry): void {
  const list = postings.get(key);
  if (!list) postings.set(key, [entry]);
  else if (list[list.length - 1] !== entry) list.push(entry);
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const made = create();
  map.set(key, made);
  return made;
}
