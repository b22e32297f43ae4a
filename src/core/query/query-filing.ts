/**
 * Where the query index (query-index.ts) files a query. Every query needs at least one of its
 * included clauses to match, so it is filed under the keys (query-keys.ts) of one such clause: the
 * one the fewest jobs are likely to match (an OR clause under every alternative). A job then reaches
 * only the queries filed under keys it has.
 *
 * Gates: a query filed under one key is also gated by a second clause of one word, prefix or place
 * when it has one, the rarest: the queries of one key are grouped by that second key, so a job
 * that has "rust" but not "senior" passes over every "rust senior …" query with one check.
 *
 * Any included clause would give the same answers; the choice only decides how much work a job
 * costs. So a query is filed once, with what is known when it comes, and stays where it was filed.
 */
import type { Atom, Clause, Query } from "./ast.js";
import { atomKeys, keyShare } from "./query-keys.js";

export interface Filing {
  /** The keys it is filed under: one, or one per alternative of an OR clause. */
  keys: string[];
  /** The included clauses a job's keys prove: the one filed under and the gate, when they are a word, prefix or place. */
  proven: Clause[];
  /** The key of the gating clause. */
  gate?: string;
}

/** Words, prefixes and places match exactly when the job has their key; phrases and salaries need a test. */
export function answeredByKey(atom: Atom): boolean {
  return atom.kind === "word" || atom.kind === "prefix" || atom.kind === "place";
}

/** The key of a clause a single key proves: one word, prefix or place. */
const keyOfProvable = (clause: Clause) =>
  clause.atoms.length === 1 && answeredByKey(clause.atoms[0] as Atom)
    ? (atomKeys(clause.atoms[0] as Atom)[0] as string)
    : undefined;

/**
 * Files queries by the likely share of jobs that have a key; between keys alike there, by how many
 * of the queries held use it (a word few ask for is usually rare in postings too).
 */
export class QueryFiling {
  /** Per key, how many held queries have it in an included clause. */
  private readonly frequency = new Map<string, number>();
  /** keyShare per key: 1,000,000 queries ask about the same few thousand keys. */
  private readonly shares = new Map<string, number>();
  /**
   * clauseCost per clause while the counts stay as they are: the queries of a batch, filed after
   * all of them were counted, share a few thousand clauses (shared-clauses.ts).
   */
  private readonly clauseCosts = new Map<Clause, number>();
  private counted = false;

  /** Counts a query's keys in, before it (and the others coming with it) is filed. */
  count(query: Query, by: 1 | -1 = 1): void {
    this.counted = true;
    // Indexed loops: a start counts 800,000 queries in, and these loops' iterators were 700 MB of
    // garbage.
    const { include } = query;
    for (let c = 0; c < include.length; c += 1) {
      const { atoms } = include[c] as Clause;
      for (let a = 0; a < atoms.length; a += 1) {
        const keys = atomKeys(atoms[a] as Atom);
        for (let k = 0; k < keys.length; k += 1) {
          const key = keys[k] as string;
          this.frequency.set(key, (this.frequency.get(key) ?? 0) + by);
        }
      }
    }
  }

  file(query: Query): Filing {
    // Loops rather than reduce and filter: a start files 800,000 queries, and the closures and
    // arrays those made were 600 MB of garbage.
    const { include } = query;
    let clause = include[0] as Clause;
    for (let i = 1; i < include.length; i += 1)
      if (this.clauseCost(include[i] as Clause) < this.clauseCost(clause)) clause = include[i] as Clause;
    const keys =
      clause.atoms.length === 1
        ? [this.rarestKey(clause.atoms[0] as Atom)]
        : [...new Set(clause.atoms.map((atom) => this.rarestKey(atom)))];
    const provable = keyOfProvable(clause) !== undefined;
    // The gate: the cheapest other clause a single key proves (the first of equals).
    let gate: Clause | undefined;
    for (let i = 0; keys.length === 1 && i < include.length; i += 1) {
      const other = include[i] as Clause;
      if (other === clause || keyOfProvable(other) === undefined) continue;
      if (gate === undefined || this.clauseCost(other) < this.clauseCost(gate)) gate = other;
    }
    if (gate === undefined) return { keys, proven: provable ? [clause] : [] };
    return { keys, proven: provable ? [clause, gate] : [gate], gate: keyOfProvable(gate) as string };
  }

  private cost(key: string): number {
    let share = this.shares.get(key);
    if (share === undefined) this.shares.set(key, (share = keyShare(key)));
    return share * 1e7 + (this.frequency.get(key) ?? 0);
  }

  private rarestKey(atom: Atom): string {
    return atomKeys(atom).reduce((best, key) => (this.cost(key) < this.cost(best) ? key : best));
  }

  private clauseCost(clause: Clause): number {
    if (this.counted) {
      this.clauseCosts.clear();
      this.counted = false;
    }
    let sum = this.clauseCosts.get(clause);
    if (sum !== undefined) return sum;
    sum = 0;
    for (const atom of clause.atoms) sum += this.cost(this.rarestKey(atom));
    this.clauseCosts.set(clause, sum);
    return sum;
  }
}
