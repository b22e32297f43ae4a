/**
 * The index of the indexed matcher, over a list of distinct queries (by position).
 *
 * Filing: every query needs at least one of its included clauses to match, so it is filed under
 * the keys (query-keys.ts) of one such clause: the one the fewest jobs are likely to match (an OR
 * clause under every alternative). A job then reaches only the queries filed under keys it has.
 *
 * Layout, for a job to reach and test some 5,000 of 100,000 queries in a fraction of a millisecond:
 * queries are renumbered so that those filed under one key alone are a run of consecutive numbers,
 * and each query is compiled into a run of atom numbers in one Int32Array, in the same order. So a
 * key's queries are tested by walking memory forwards, without hashing, allocating or following
 * objects. A clause of one word, prefix or place is true exactly when the job has its key, so the
 * clause a query is filed under by such a key is not tested again. Words, prefixes and places are
 * answered by the job's marked keys; phrases and salaries are tested the first time a query asks,
 * and the answer kept for the rest of the job.
 */
import type { Atom, Clause, Query } from "./ast.js";
import { atomKey } from "./ast.js";
import type { JobDocument } from "./document.js";
import { atomMatches } from "./match.js";
import { atomKeys, JobKeys, keyShare } from "./query-keys.js";

/** How a query is filed: under one key (and whether that key alone proves the clause), or several. */
interface Filing {
  keys: number[];
  clause: Clause;
  proven: boolean;
}

export class QueryIndex {
  private readonly jobKeys: JobKeys;
  /** The distinct atoms, by number. */
  private readonly atoms: Atom[] = [];
  /**
   * Per query by the index's own number, its position among the queries given. Answers are in
   * the index's numbers: a caller keeping data per query keeps it in that order too, so that
   * reading it for a job's matches walks forwards like the index does.
   */
  readonly given: Int32Array;
  /** Per query: where its checks start in `checks`. */
  private readonly checkAt: Int32Array;
  /**
   * Per query: clauses to include (count, then each: its size and its atoms), then clauses to
   * exclude alike. An atom its key answers is written as the key's number; any other as ~its
   * atom number (negative), to be tested.
   */
  private readonly checks: Int32Array;
  /** Per key, the queries filed under it alone: numbers runAt[key] up to runAt[key + 1]. */
  private readonly runAt: Int32Array;
  /** Per key, the queries filed under it and other keys: shared[sharedAt[key] .. sharedAt[key + 1]]. */
  private readonly sharedAt: Int32Array;
  private readonly shared: Int32Array;
  /** Per key and per query, the last job (by stamp) that had the key or reached the query. */
  private readonly markedFor: Int32Array;
  private readonly reachedBy: Int32Array;
  /** Per atom tested on demand: the last job (by stamp) it was tested for, and the answer. */
  private readonly testedFor: Int32Array;
  private readonly tested: Uint8Array;
  /** The distinct keys of the job being matched, and the queries it matches (reused from job to job). */
  private readonly marked: Int32Array;
  private readonly found: Int32Array;
  private markedCount = 0;
  private stamp = 0;

  constructor(queries: readonly Query[]) {
    const keyNumbers = new Map<string, number>();
    const keyNumber = (key: string) => {
      let number = keyNumbers.get(key);
      if (number === undefined) keyNumbers.set(key, (number = keyNumbers.size));
      return number;
    };
    const atomCodes = new Map<string, number>();
    const atomCode = (atom: Atom) => {
      const key = atomKey(atom);
      let code = atomCodes.get(key);
      if (code === undefined) {
        code = answeredByKey(atom) ? keyNumber(atomKeys(atom)[0] as string) : ~this.atoms.length;
        atomCodes.set(key, code);
        this.atoms.push(atom);
      }
      return code;
    };

    // Every atom's key numbered first, so the arrays by key below cover them all.
    for (const { include, exclude } of queries) for (const { atoms } of [...include, ...exclude]) atoms.forEach(atomCode);
    const filings = fileQueries(queries, keyNumber);
    // Queries filed under one key first, grouped by key; then those filed under several.
    const keyCount = keyNumbers.size;
    const runAt = new Int32Array(keyCount + 1);
    for (const { keys } of filings) if (keys.length === 1) runAt[(keys[0] as number) + 1] = (runAt[(keys[0] as number) + 1] as number) + 1;
    for (let key = 0; key < keyCount; key += 1) runAt[key + 1] = (runAt[key + 1] as number) + (runAt[key] as number);
    const next = runAt.slice(0, keyCount);
    let sharedNumber = runAt[keyCount] as number;
    const numberOf = filings.map(({ keys }) => (keys.length === 1 ? (next[keys[0] as number] as number)++ : sharedNumber++));

    this.given = new Int32Array(queries.length);
    this.checkAt = new Int32Array(queries.length);
    const byNumber = new Array<number>(queries.length);
    numberOf.forEach((number, id) => ((byNumber[number] = id), (this.given[number] = id)));
    const checks: number[] = [];
    for (let number = 0; number < queries.length; number += 1) {
      const id = byNumber[number] as number;
      const { clause: filedUnder, proven } = filings[id] as Filing;
      const query = queries[id] as Query;
      this.checkAt[number] = checks.length;
      const include = proven ? query.include.filter((clause) => clause !== filedUnder) : query.include;
      for (const clauses of [include, query.exclude]) {
        checks.push(clauses.length);
        for (const { atoms } of clauses) checks.push(atoms.length, ...atoms.map(atomCode));
      }
    }
    this.checks = Int32Array.from(checks);
    this.runAt = runAt;

    const sharedLists = Array.from({ length: keyCount }, () => [] as number[]);
    filings.forEach(({ keys }, id) => {
      if (keys.length > 1) for (const key of keys) sharedLists[key]?.push(numberOf[id] as number);
    });
    this.sharedAt = new Int32Array(keyCount + 1);
    sharedLists.forEach((list, key) => (this.sharedAt[key + 1] = (this.sharedAt[key] as number) + list.length));
    this.shared = Int32Array.from(sharedLists.flat());

    this.jobKeys = new JobKeys(keyNumbers);
    this.markedFor = new Int32Array(keyNumbers.size);
    this.reachedBy = new Int32Array(queries.length);
    this.testedFor = new Int32Array(this.atoms.length);
    this.tested = new Uint8Array(this.atoms.length);
    this.marked = new Int32Array(keyNumbers.size);
    this.found = new Int32Array(queries.length);
  }

  /**
   * The queries the job matches, by the index's numbers, each once, in no order. The array is
   * reused: it holds until the next call.
   */
  matching(doc: JobDocument): Int32Array {
    const stamp = this.mark(doc);
    const { marked, runAt, sharedAt, shared, reachedBy } = this;
    const { found } = this;
    let count = 0;
    for (let k = 0; k < this.markedCount; k += 1) {
      const key = marked[k] as number;
      for (let query = runAt[key] as number, end = runAt[key + 1] as number; query < end; query += 1) {
        if (this.passes(query, doc)) found[count++] = query;
      }
      for (let i = sharedAt[key] as number, end = sharedAt[key + 1] as number; i < end; i += 1) {
        const query = shared[i] as number;
        if (reachedBy[query] === stamp) continue;
        reachedBy[query] = stamp;
        if (this.passes(query, doc)) found[count++] = query;
      }
    }
    return found.subarray(0, count);
  }

  /** The queries the job reaches, matching or not, by the index's numbers, each once. */
  reached(doc: JobDocument): number[] {
    this.mark(doc);
    const reached = new Set<number>();
    for (let k = 0; k < this.markedCount; k += 1) {
      const key = this.marked[k] as number;
      for (let query = this.runAt[key] as number; query < (this.runAt[key + 1] as number); query += 1) reached.add(query);
      for (let i = this.sharedAt[key] as number; i < (this.sharedAt[key + 1] as number); i += 1) {
        reached.add(this.shared[i] as number);
      }
    }
    return [...reached];
  }

  /** Marks the keys the job has, lists each once in `marked`, and returns the job's stamp. */
  private mark(doc: JobDocument): number {
    const stamp = ++this.stamp;
    this.markedCount = 0;
    this.jobKeys.forEach(doc, (key) => {
      if (this.markedFor[key] === stamp) return;
      this.markedFor[key] = stamp;
      this.marked[this.markedCount++] = key;
    });
    return stamp;
  }

  private passes(query: number, doc: JobDocument): boolean {
    const { checks } = this;
    let at = this.checkAt[query] as number;
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      let found = false;
      for (at += 1; at < end && !found; at += 1) found = this.has(checks[at] as number, doc);
      if (!found) return false;
      at = end;
    }
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      for (at += 1; at < end; at += 1) if (this.has(checks[at] as number, doc)) return false;
    }
    return true;
  }

  /** Whether the job being matched has the atom (coded as in `checks`): a key it marked, or a test kept for the job. */
  private has(code: number, doc: JobDocument): boolean {
    if (code >= 0) return this.markedFor[code] === this.stamp;
    const atom = ~code;
    if (this.testedFor[atom] !== this.stamp) {
      this.testedFor[atom] = this.stamp;
      this.tested[atom] = atomMatches(this.atoms[atom] as Atom, doc) ? 1 : 0;
    }
    return this.tested[atom] === 1;
  }
}

/** Words, prefixes and places match exactly when the job has their key; phrases and salaries need a test. */
function answeredByKey(atom: Atom): boolean {
  return atom.kind === "word" || atom.kind === "prefix" || atom.kind === "place";
}

/**
 * Chooses, per query, the included clause the fewest jobs are likely to match, and the keys to
 * file it under: for each of its atoms, the atom's rarest key.
 */
function fileQueries(queries: readonly Query[], keyNumber: (key: string) => number): Filing[] {
  const frequency = new Map<string, number>();
  for (const atom of queries.flatMap((query) => query.include.flatMap((clause) => clause.atoms))) {
    for (const key of atomKeys(atom)) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  }
  // Likely share of jobs first; between keys alike there, how many of these queries use it (a
  // word few ask for is usually rare in postings too).
  const cost = (key: string) => keyShare(key) * 1e7 + (frequency.get(key) ?? 0);
  const rarestKey = (atom: Atom) => atomKeys(atom).reduce((best, key) => (cost(key) < cost(best) ? key : best));
  const clauseCost = (clause: Clause) => clause.atoms.reduce((sum, atom) => sum + cost(rarestKey(atom)), 0);
  return queries.map((query) => {
    const clause = query.include.reduce((best, c) => (clauseCost(c) < clauseCost(best) ? c : best));
    const keys = [...new Set(clause.atoms.map((atom) => keyNumber(rarestKey(atom))))];
    return { keys, clause, proven: clause.atoms.length === 1 && answeredByKey(clause.atoms[0] as Atom) };
  });
}
