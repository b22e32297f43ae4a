/**
 * One object per distinct clause among the queries a matcher holds. A million subscriptions'
 * queries are made of a few thousand distinct clauses (`title:kotlin`, `remote`, `-php`), and a
 * parsed clause with its atoms takes a few hundred bytes: held once each, the parsed queries of
 * 800,000 distinct texts took 380 MB fewer (issue 16 asks for under 1 GB in all).
 *
 * Shared clauses are frozen: nothing may change a query's clauses once parsed.
 */
import { atomKey, type Atom, type Clause, type Query } from "./ast.js";

/** A query without exclusions shares this one empty list. */
const NONE: Clause[] = Object.freeze([]) as unknown as Clause[];

interface Held {
  clause: Clause;
  holders: number;
}

/** Atoms are shared too (parse.ts keeps the terms it parsed): each one's part of a key is made once. */
const keyParts = new WeakMap<Atom, string>();

/** Equal keys mean equal clauses, down to how each atom was written (describeQuery shows it). */
function keyOf(clause: Clause): string {
  let key = "";
  for (const atom of clause.atoms) {
    let part = keyParts.get(atom);
    if (part === undefined) keyParts.set(atom, (part = `${atomKey(atom)}\u0000${atom.text}\u0000`));
    key += part;
  }
  return key;
}

export class SharedClauses {
  private readonly held = new Map<string, Held>();

  /** The query, its clauses replaced by the shared ones (held once more each). */
  share(query: Query): Query {
    return { include: this.shareAll(query.include), exclude: this.shareAll(query.exclude) };
  }

  /** Gives back a query `share` returned: clauses no query holds any more are dropped. */
  release(query: Query): void {
    for (const clause of [...query.include, ...query.exclude]) {
      const key = keyOf(clause);
      const held = this.held.get(key);
      if (held && --held.holders === 0) this.held.delete(key);
    }
  }

  /** How many distinct clauses are held (tests). */
  get size(): number {
    return this.held.size;
  }

  private shareAll(clauses: readonly Clause[]): Clause[] {
    if (clauses.length === 0) return NONE;
    return clauses.map((clause) => {
      const key = keyOf(clause);
      let held = this.held.get(key);
      if (!held) this.held.set(key, (held = { clause: frozen(clause), holders: 0 }));
      held.holders += 1;
      return held.clause;
    });
  }
}

function frozen(clause: Clause): Clause {
  for (const atom of clause.atoms) {
    if (atom.kind === "phrase") Object.freeze(atom.terms);
    Object.freeze(atom);
  }
  Object.freeze(clause.atoms);
  return Object.freeze(clause);
}
