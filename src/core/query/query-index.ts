/**
 * The index of the indexed matcher, over a list of distinct queries (by position).
 *
 * Filing: every query needs at least one of its included clauses to match, so it is filed under
 * the keys (query-keys.ts) of one such clause: the one the fewest jobs are likely to match (an OR
 * clause under every alternative). A job then reaches only the queries filed under keys it has.
 *
 * Checking: the distinct atoms of all queries are numbered once, and each query is compiled into
 * a flat run of atom numbers in an Int32Array. Words, prefixes and places have a key, which is
 * marked by number while a job's keys are looked up; phrases and salaries are tested when a query
 * first asks, and the answer kept for the rest of the job. So testing a reached query is a few
 * reads from flat arrays, without hashing, allocating or walking through the query's objects, and
 * each distinct atom is tested (and explained) at most once per job, however many queries share it.
 */
import type { Atom, Clause, Query } from "./ast.js";
import { explainedAtomKey } from "./ast.js";
import type { JobDocument } from "./document.js";
import { atomEvidence, atomMatches, type AtomEvidence } from "./match.js";
import { atomKeys, forEachJobKey, KeyShape, keyShare } from "./query-keys.js";

interface Slot {
  /** The key's number, for the check. */
  number: number;
  /** The queries filed under the key. */
  filed: number[];
}

export class QueryIndex {
  private readonly slots = new Map<string, Slot>();
  private readonly shape = new KeyShape();
  /** The distinct atoms, by number; per atom, its key's number, or -1 when it is tested on demand. */
  private readonly atoms: Atom[] = [];
  private readonly atomSlot: Int32Array;
  /** Per query: where its checks start in `checks`. */
  private readonly checkAt: Int32Array;
  /** Per query: required clauses (count, then each: its size and atom numbers), then excluded ones alike. */
  private readonly checks: Int32Array;
  /** Per key number and per query, the last job (by stamp) that had the key, or reached the query. */
  private readonly markedFor: Int32Array;
  private readonly reachedBy: Int32Array;
  /** Per atom tested on demand, and per atom explained: the last job (by stamp) it was done for, and the answer. */
  private readonly testedFor: Int32Array;
  private readonly tested: Uint8Array;
  private readonly explainedFor: Int32Array;
  private readonly evidence: (AtomEvidence[] | undefined)[];
  private stamp = 0;

  constructor(queries: readonly Query[]) {
    this.checkAt = new Int32Array(queries.length);
    this.reachedBy = new Int32Array(queries.length);
    const numbers = new Map<string, number>();
    const slotOf: number[] = [];
    const atomNumber = (atom: Atom) => {
      const key = explainedAtomKey(atom);
      let number = numbers.get(key);
      if (number === undefined) {
        numbers.set(key, (number = this.atoms.length));
        this.atoms.push(atom);
        const keyed = atom.kind === "word" || atom.kind === "prefix" || atom.kind === "place";
        slotOf.push(keyed ? this.slot(atomKeys(atom)[0] as string).number : -1);
      }
      return number;
    };
    const checks: number[] = [];
    queries.forEach((query, id) => {
      this.checkAt[id] = checks.length;
      for (const clauses of [query.include, query.exclude]) {
        checks.push(clauses.length);
        for (const { atoms } of clauses) checks.push(atoms.length, ...atoms.map(atomNumber));
      }
    });
    this.checks = Int32Array.from(checks);
    this.atomSlot = Int32Array.from(slotOf);
    this.testedFor = new Int32Array(this.atoms.length);
    this.tested = new Uint8Array(this.atoms.length);
    this.explainedFor = new Int32Array(this.atoms.length);
    this.evidence = new Array<AtomEvidence[] | undefined>(this.atoms.length).fill(undefined);

    const frequency = new Map<string, number>();
    for (const atom of queries.flatMap((query) => query.include.flatMap((clause) => clause.atoms))) {
      for (const key of atomKeys(atom)) frequency.set(key, (frequency.get(key) ?? 0) + 1);
    }
    // Likely share of jobs first; between keys alike there, how many of these queries use it (a
    // word few ask for is usually rare in postings too).
    const cost = (key: string) => keyShare(key) * 1e7 + (frequency.get(key) ?? 0);
    const rarestKey = (atom: Atom) => atomKeys(atom).reduce((best, key) => (cost(key) < cost(best) ? key : best));
    const clauseCost = (clause: Clause) => clause.atoms.reduce((sum, atom) => sum + cost(rarestKey(atom)), 0);
    queries.forEach((query, id) => {
      const clause = query.include.reduce((best, c) => (clauseCost(c) < clauseCost(best) ? c : best));
      for (const atom of clause.atoms) {
        const filed = this.slot(rarestKey(atom)).filed;
        if (filed[filed.length - 1] !== id) filed.push(id);
      }
    });
    this.markedFor = new Int32Array(this.slots.size);
  }

  /**
   * The queries the job reaches whose checked clauses allow it to match (with `check` false, every
   * query it reaches), each once.
   */
  candidates(doc: JobDocument, check = true): number[] {
    const stamp = ++this.stamp;
    const { markedFor, reachedBy } = this;
    const reached: number[] = [];
    forEachJobKey(doc, this.shape, (key) => {
      const slot = this.slots.get(key);
      if (!slot) return;
      markedFor[slot.number] = stamp;
      for (const id of slot.filed) {
        if (reachedBy[id] === stamp) continue;
        reachedBy[id] = stamp;
        reached.push(id);
      }
    });
    return check ? reached.filter((id) => this.passes(id, doc)) : reached;
  }

  /**
   * The words explainMatch gives for a query the job matches (title and tag words first, each
   * once), from each atom's evidence, found once per job. Only right for the job last given to
   * candidates.
   */
  explain(id: number, doc: JobDocument): string[] {
    const { checks } = this;
    const strong: string[] = [];
    let weak: string[] | undefined;
    let at = this.checkAt[id] as number;
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const size = checks[at++] as number;
      for (const end = at + size; at < end; at += 1) {
        const atom = checks[at] as number;
        // The query matched, so a clause of one atom did; only alternatives need asking which.
        if (size > 1 && !this.matches(atom, doc)) continue;
        for (const { word, strong: isStrong } of this.evidenceOf(atom, doc)) {
          const list = isStrong ? strong : (weak ??= []);
          if (!list.includes(word)) list.push(word);
        }
      }
    }
    return weak ? strong.concat(weak) : strong;
  }

  private passes(id: number, doc: JobDocument): boolean {
    const { checks } = this;
    let at = this.checkAt[id] as number;
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      let found = false;
      for (at += 1; at < end && !found; at += 1) found = this.matches(checks[at] as number, doc);
      if (!found) return false;
      at = end;
    }
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      for (at += 1; at < end; at += 1) if (this.matches(checks[at] as number, doc)) return false;
    }
    return true;
  }

  /** Whether the job last given to candidates has the atom: a key it marked, or a test kept for the job. */
  private matches(atom: number, doc: JobDocument): boolean {
    const slot = this.atomSlot[atom] as number;
    if (slot >= 0) return this.markedFor[slot] === this.stamp;
    if (this.testedFor[atom] !== this.stamp) {
      this.testedFor[atom] = this.stamp;
      this.tested[atom] = atomMatches(this.atoms[atom] as Atom, doc) ? 1 : 0;
    }
    return this.tested[atom] === 1;
  }

  private evidenceOf(atom: number, doc: JobDocument): AtomEvidence[] {
    if (this.explainedFor[atom] !== this.stamp) {
      this.explainedFor[atom] = this.stamp;
      this.evidence[atom] = atomEvidence(this.atoms[atom] as Atom, doc);
    }
    return this.evidence[atom] as AtomEvidence[];
  }

  private slot(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) {
      this.slots.set(key, (slot = { number: this.slots.size, filed: [] }));
      this.shape.add(key);
    }
    return slot;
  }
}
