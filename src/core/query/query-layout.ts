/**
 * How the query index (query-index.ts) lays its queries out in flat arrays, built once per set of
 * subscriptions.
 *
 * Filing: every query needs at least one of its included clauses to match, so it is filed under
 * the keys (query-keys.ts) of one such clause: the one the fewest jobs are likely to match (an OR
 * clause under every alternative). A job then reaches only the queries filed under keys it has.
 *
 * Gates: a query filed under one key is also gated by a second clause of one word, prefix or place
 * when it has one, the rarest: the queries of one key are grouped by that second key, so a job
 * that has "rust" but not "senior" passes over every "rust senior …" query with one check.
 *
 * Numbering: queries filed under one key are renumbered so that each key's groups are runs of
 * consecutive numbers, and each query's remaining checks are a run of codes in one Int32Array, in
 * the same order. So a key's queries are tested by walking memory forwards, without hashing,
 * allocating or following objects. A clause of one word, prefix or place is true exactly when the
 * job has its key, so the clauses a query is filed and gated by are not tested again.
 */
import type { Atom, Clause, Query } from "./ast.js";
import { atomKey } from "./ast.js";
import { atomKeys, keyShare } from "./query-keys.js";

export interface QueryLayout {
  /** Every key some query is filed under or checks, by number. */
  keyNumbers: ReadonlyMap<string, number>;
  /** The distinct atoms that keys cannot answer (phrases, salaries), by the number their code holds. */
  tested: Atom[];
  /** Per query by the index's own number, its position among the queries given. */
  given: Int32Array;
  /** Per query: where its checks start in `checks`. */
  checkAt: Int32Array;
  /**
   * Per query: clauses to include (count, then each: its size and its atoms' codes), then clauses
   * to exclude alike. An atom its key answers is coded as the key's number; any other as ~its
   * number in `tested` (negative).
   */
  checks: Int32Array;
  /**
   * Per key, its groups: groupAt[key] up to groupAt[key + 1]. Per group, the key gating it (-1 for
   * none), and its queries: numbers groupStart[group] up to groupStart[group + 1].
   */
  groupAt: Int32Array;
  groupKey: Int32Array;
  groupStart: Int32Array;
  /** Per key, the queries filed under it and other keys: shared[sharedAt[key] .. sharedAt[key + 1]]. */
  sharedAt: Int32Array;
  shared: Int32Array;
}

interface Filing {
  /** The keys it is filed under: one, or one per alternative of an OR clause. */
  keys: number[];
  /** The included clauses a job's keys prove: the one filed under and the gate, when they are a word, prefix or place. */
  proven: Clause[];
  /** The key of the gating clause, or -1. */
  gate: number;
}

export function layOutQueries(queries: readonly Query[]): QueryLayout {
  const keyNumbers = new Map<string, number>();
  const keyNumber = (key: string) => {
    let number = keyNumbers.get(key);
    if (number === undefined) keyNumbers.set(key, (number = keyNumbers.size));
    return number;
  };
  const tested: Atom[] = [];
  const atomCodes = new Map<string, number>();
  const atomCode = (atom: Atom) => {
    const key = atomKey(atom);
    let code = atomCodes.get(key);
    if (code === undefined) {
      code = answeredByKey(atom) ? keyNumber(atomKeys(atom)[0] as string) : ~(tested.push(atom) - 1);
      atomCodes.set(key, code);
    }
    return code;
  };
  // Every atom's key numbered first, so the arrays by key below cover them all.
  for (const { include, exclude } of queries) for (const { atoms } of [...include, ...exclude]) atoms.forEach(atomCode);
  const filings = fileQueries(queries, keyNumber);
  const keyCount = keyNumbers.size;

  // Queries filed under one key first, by key and then by gate; then those filed under several.
  const keyOf = new Int32Array(queries.length).fill(-1);
  const gateOf = new Int32Array(queries.length);
  filings.forEach(({ keys, gate }, id) => {
    if (keys.length === 1) keyOf[id] = keys[0] as number;
    gateOf[id] = gate;
  });
  const ids = queries.map((_, id) => id);
  const single = ids.filter((id) => (keyOf[id] as number) >= 0);
  single.sort(
    (a, b) => (keyOf[a] as number) - (keyOf[b] as number) || (gateOf[a] as number) - (gateOf[b] as number) || a - b,
  );
  const given = Int32Array.from([...single, ...ids.filter((id) => keyOf[id] === -1)]);
  const numberOf = new Int32Array(queries.length);
  given.forEach((id, number) => (numberOf[id] = number));

  const groupAt = new Int32Array(keyCount + 1);
  const groupKey: number[] = [];
  const groupStart: number[] = [];
  single.forEach((id, number) => {
    const previous = single[number - 1];
    if (previous !== undefined && keyOf[previous] === keyOf[id] && gateOf[previous] === gateOf[id]) return;
    groupKey.push(gateOf[id] as number);
    groupStart.push(number);
    groupAt[(keyOf[id] as number) + 1] = groupKey.length;
  });
  groupStart.push(single.length);
  // Keys without groups end where the key before them did.
  for (let key = 0; key < keyCount; key += 1)
    groupAt[key + 1] = Math.max(groupAt[key + 1] as number, groupAt[key] as number);

  const checkAt = new Int32Array(queries.length);
  const checks: number[] = [];
  given.forEach((id, number) => {
    const query = queries[id] as Query;
    const { proven } = filings[id] as Filing;
    checkAt[number] = checks.length;
    for (const clauses of [query.include.filter((clause) => !proven.includes(clause)), query.exclude]) {
      checks.push(clauses.length);
      for (const { atoms } of clauses) checks.push(atoms.length, ...atoms.map(atomCode));
    }
  });

  const sharedLists = Array.from({ length: keyCount }, () => [] as number[]);
  filings.forEach(({ keys }, id) => {
    if (keys.length > 1) for (const key of keys) sharedLists[key]?.push(numberOf[id] as number);
  });
  const sharedAt = new Int32Array(keyCount + 1);
  sharedLists.forEach((list, key) => (sharedAt[key + 1] = (sharedAt[key] as number) + list.length));

  return {
    keyNumbers,
    tested,
    given,
    checkAt,
    checks: Int32Array.from(checks),
    groupAt,
    groupKey: Int32Array.from(groupKey),
    groupStart: Int32Array.from(groupStart),
    sharedAt,
    shared: Int32Array.from(sharedLists.flat()),
  };
}

/** Words, prefixes and places match exactly when the job has their key; phrases and salaries need a test. */
function answeredByKey(atom: Atom): boolean {
  return atom.kind === "word" || atom.kind === "prefix" || atom.kind === "place";
}

/** A clause a single key proves: one word, prefix or place. */
const keyOfProvable = (clause: Clause) =>
  clause.atoms.length === 1 && answeredByKey(clause.atoms[0] as Atom)
    ? (atomKeys(clause.atoms[0] as Atom)[0] as string)
    : undefined;

/**
 * Chooses, per query, the included clause the fewest jobs are likely to match and the keys to file
 * it under (for each of its atoms, the atom's rarest key), and the gate among the other clauses.
 */
function fileQueries(queries: readonly Query[], keyNumber: (key: string) => number): Filing[] {
  const frequency = new Map<string, number>();
  for (const atom of queries.flatMap((query) => query.include.flatMap((clause) => clause.atoms))) {
    for (const key of atomKeys(atom)) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  }
  // Likely share of jobs first; between keys alike there, how many of these queries use it (a
  // word few ask for is usually rare in postings too). Kept per key and per clause: 100,000
  // queries ask about the same few thousand.
  const costs = new Map<string, number>();
  const cost = (key: string) => {
    let found = costs.get(key);
    if (found === undefined) costs.set(key, (found = keyShare(key) * 1e7 + (frequency.get(key) ?? 0)));
    return found;
  };
  const rarestKey = (atom: Atom) => atomKeys(atom).reduce((best, key) => (cost(key) < cost(best) ? key : best));
  const clauseCosts = new Map<Clause, number>();
  const clauseCost = (clause: Clause) => {
    let found = clauseCosts.get(clause);
    if (found === undefined)
      clauseCosts.set(clause, (found = clause.atoms.reduce((sum, atom) => sum + cost(rarestKey(atom)), 0)));
    return found;
  };
  return queries.map((query) => {
    const clause = query.include.reduce((best, c) => (clauseCost(c) < clauseCost(best) ? c : best));
    const keys = [...new Set(clause.atoms.map((atom) => keyNumber(rarestKey(atom))))];
    const proven = keyOfProvable(clause) === undefined ? [] : [clause];
    const gates = keys.length === 1 ? query.include.filter((c) => c !== clause && keyOfProvable(c) !== undefined) : [];
    const gate =
      gates.length === 0 ? undefined : gates.reduce((best, c) => (clauseCost(c) < clauseCost(best) ? c : best));
    if (gate) proven.push(gate);
    return { keys, proven, gate: gate ? keyNumber(keyOfProvable(gate) as string) : -1 };
  });
}
