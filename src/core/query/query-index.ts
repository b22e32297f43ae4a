/**
 * The index of the indexed matcher, over a list of distinct queries (by position).
 *
 * Filing: every query needs at least one of its included clauses to match, so it is filed under
 * the keys (query-keys.ts) of one such clause: the one the fewest jobs are likely to match (an OR
 * clause under every alternative). A job then reaches only the queries filed under keys it has.
 *
 * Quick check: most clauses are words, prefixes or places, or alternatives of them ("rust",
 * "rust|go", "title:senior", "kube*", "location:europe", "-php"). Their keys are numbered once,
 * and while a job's keys are looked up they are marked by number, so testing such clauses is a few
 * reads from flat arrays, without hashing or walking through the query's objects. Most reached
 * queries fail here; those made only of such clauses need nothing more. The rest (phrases,
 * salaries) are tested whole by the matcher; a lone phrase's words still count here as required.
 */
import type { Atom, Clause, Query } from "./ast.js";
import type { JobDocument } from "./document.js";
import { atomKeys, forEachJobKey, KeyShape, keyShare, wordKey } from "./query-keys.js";

interface Slot {
  /** The key's number, for the quick check. */
  number: number;
  /** The queries filed under the key. */
  filed: number[];
}

/** The quick check's keys for a clause, or undefined when it has a phrase or a salary. */
function checkedKeys(clause: Clause): string[] | undefined {
  const keyed = (atom: Atom) => atom.kind === "word" || atom.kind === "prefix" || atom.kind === "place";
  return clause.atoms.every(keyed) ? clause.atoms.flatMap(atomKeys) : undefined;
}

/** A lone phrase needs each of its words: one required clause per word. */
function phraseWords(clause: Clause): string[][] {
  const [atom] = clause.atoms;
  return clause.atoms.length === 1 && atom?.kind === "phrase" ? atom.terms.map((term) => [wordKey(atom.field, term)]) : [];
}

export class QueryIndex {
  private readonly slots = new Map<string, Slot>();
  private readonly shape = new KeyShape();
  /** Per query: where its checks start in `checks`, and whether they are the whole query. */
  private readonly checkAt: Int32Array;
  private readonly complete: Uint8Array;
  /** Per query: required clauses (count, then each: its size and key numbers), then excluded ones alike. */
  private readonly checks: Int32Array;
  /**
   * Beside each key number in `checks` of a query whose match the index can explain itself (only
   * words and places): the word to show, and whether it can be title or tag evidence (a place cannot).
   */
  private readonly labels: (string | undefined)[] = [];
  private readonly wordLabel: Uint8Array;
  private readonly explainable: Uint8Array;
  /** Per key number and per query, the last job (by stamp) that had the key, or reached the query. */
  private readonly markedFor: Int32Array;
  private readonly reachedBy: Int32Array;
  private stamp = 0;
  /** While building: the places in `checks` whose label is a word. */
  private readonly wordAt = new Set<number>();

  constructor(queries: readonly Query[]) {
    this.checkAt = new Int32Array(queries.length);
    this.complete = new Uint8Array(queries.length);
    this.explainable = new Uint8Array(queries.length);
    this.reachedBy = new Int32Array(queries.length);
    const checks: number[] = [];
    queries.forEach((query, id) => this.compileCheck(query, id, checks));
    this.checks = Int32Array.from(checks);
    this.wordLabel = Uint8Array.from(this.labels, (_, at) => Number(this.wordAt.has(at)));
    this.wordAt.clear();

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
    return check ? reached.filter((id) => this.passes(id, stamp)) : reached;
  }

  /**
   * The words explainMatch would give for a query the job matches, read from the flat arrays
   * (title and tag words first, each once); undefined for queries with prefixes, phrases or
   * salaries, which the matcher explains itself. Only right for the job last given to candidates.
   */
  explain(id: number, doc: JobDocument): string[] | undefined {
    if (this.explainable[id] !== 1) return undefined;
    const { checks, markedFor, labels, wordLabel, stamp } = this;
    const strong: string[] = [];
    let weak: string[] | undefined;
    let at = this.checkAt[id] as number;
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      for (at += 1; at < end; at += 1) {
        if (markedFor[checks[at] as number] !== stamp) continue;
        const label = labels[at] as string;
        const list = wordLabel[at] === 1 && doc.strong.has(label) ? strong : (weak ??= []);
        if (!list.includes(label)) list.push(label);
      }
    }
    return weak ? strong.concat(weak) : strong;
  }

  /** Whether passing the quick check means matching: every clause of the query is checked. */
  isComplete(id: number): boolean {
    return this.complete[id] === 1;
  }

  private passes(id: number, stamp: number): boolean {
    const { checks, markedFor } = this;
    let at = this.checkAt[id] as number;
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      let found = false;
      for (at += 1; at < end && !found; at += 1) found = markedFor[checks[at] as number] === stamp;
      if (!found) return false;
      at = end;
    }
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      for (at += 1; at < end; at += 1) if (markedFor[checks[at] as number] === stamp) return false;
    }
    return true;
  }

  private compileCheck(query: Query, id: number, checks: number[]): void {
    const include = query.include.map(checkedKeys);
    const exclude = query.exclude.map(checkedKeys);
    const required = [...include.filter((keys) => keys !== undefined), ...query.include.filter((_, i) => !include[i]).flatMap(phraseWords)];
    const excluded = exclude.filter((keys) => keys !== undefined);
    const complete = !include.includes(undefined) && !exclude.includes(undefined);
    const explainable = complete && query.include.every((clause) => clause.atoms.every((atom) => atom.kind === "word" || atom.kind === "place"));
    this.checkAt[id] = checks.length;
    this.complete[id] = Number(complete);
    this.explainable[id] = Number(explainable);
    for (const clauses of [required, excluded]) {
      checks.push(clauses.length);
      for (const keys of clauses) checks.push(keys.length, ...keys.map((key) => this.slot(key).number));
    }
    while (this.labels.length < checks.length) this.labels.push(undefined);
    if (!explainable) return;
    // The labels of the required clauses' alternatives, at their places in `checks`.
    let at = (this.checkAt[id] as number) + 1;
    for (const clause of query.include) {
      at += 1;
      for (const atom of clause.atoms) {
        this.labels[at] = atom.kind === "word" ? atom.term : atom.text;
        if (atom.kind === "word") this.wordAt.add(at);
        at += 1;
      }
    }
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
