/**
 * The index of the indexed matcher, over distinct queries ("entries", by number), which come and go
 * one by one as people subscribe and unsubscribe: adding or removing one costs about what filing
 * it does, never a rebuild (issue 16).
 *
 * Each entry is filed (query-filing.ts) under keys (query-keys.ts), in a group of its key by its
 * gate; what is left to check of it is a run of codes in one Int32Array (entry-checks.ts). Finding a job's matches is
 * then: mark the keys the job has, walk the groups of each marked key whose gate the job has, check
 * their entries. A clause of one word, prefix or place is true exactly when the job has its key, so
 * the clauses an entry is filed and gated by are not checked again; other words, prefixes and
 * places are answered by the marked keys; phrases and salaries are tested the first time an entry
 * asks, and the answer kept for the rest of the job.
 *
 * Entries added together (the whole index at start) are laid out group by group, so a key's entries
 * are checked by walking memory forwards. The checks of a removed entry stay in the array (a few
 * dozen bytes each) and its number is given to the next entry added.
 */
import type { Clause, Query } from "./ast.js";
import type { JobDocument } from "./document.js";
import { EntryChecks } from "./entry-checks.js";
import { QueryFiling } from "./query-filing.js";
import { JobKeys } from "./query-keys.js";
import type { Slices } from "../slices.js";

interface Group {
  /** The key gating it, or -1 for none. */
  gate: number;
  entries: number[];
}

export class QueryIndex {
  private readonly filing = new QueryFiling();
  private readonly keyNumbers = new Map<string, number>();
  private readonly jobKeys = new JobKeys();
  /** Per key: its groups (and by gate), and the entries filed under it and other keys. */
  private readonly groups: Group[][] = [];
  private readonly groupByGate: Map<number, Group>[] = [];
  private readonly shared: number[][] = [];
  /** Per key, the last job (by stamp) that had it. */
  private readonly markedFor: number[] = [];

  /** What is left to check of each entry, and the atoms those checks test. */
  private readonly checks = new EntryChecks((key) => this.keyNumber(key));
  /** Per entry: its query, its key (-1 when filed under several), gate, the last job that reached it. */
  private readonly queries: (Query | undefined)[] = [];
  private readonly keyOf: number[] = [];
  private readonly gateOf: number[] = [];
  private readonly reachedBy: number[] = [];
  /** The keys of entries filed under several. */
  private readonly sharedKeys = new Map<number, number[]>();
  private readonly free: number[] = [];

  /** The keys of the job being matched, and the entries it matches (reused from job to job). */
  private marked: number[] = [];
  private markedCount = 0;
  private found = new Int32Array(64);
  private stamp = 0;

  /** The query of an entry held. */
  query(entry: number): Query {
    return this.queries[entry] as Query;
  }

  /**
   * Adds queries as entries (numbers in the order given). Filed with the keys of all of them
   * counted, and laid out group by group; a pause between slices.
   */
  async add(queries: readonly Query[], slices: Slices): Promise<number[]> {
    // Indexed loops throughout: in an async function, each for-of step made an object (a start
    // adds 800,000 queries).
    for (let i = 0; i < queries.length; i += 1) {
      this.filing.count(queries[i] as Query);
      if (slices.due()) await slices.pause();
    }
    // Filed first, by position in `queries`: grouped by key and gate, or filed under several keys.
    const filed: { keys: number[]; gate: number; proven: Clause[] }[] = [];
    const byKey = new Map<number, Map<number, number[]>>();
    const sharedOnes: number[] = [];
    for (let i = 0; i < queries.length; i += 1) {
      const { keys, gate, proven } = this.filing.file(queries[i] as Query);
      const filing = {
        keys: keys.map((key) => this.keyNumber(key)),
        gate: gate === undefined ? -1 : this.keyNumber(gate),
        proven,
      };
      filed.push(filing);
      if (filing.keys.length > 1) sharedOnes.push(i);
      else {
        let gates = byKey.get(filing.keys[0] as number);
        if (!gates) byKey.set(filing.keys[0] as number, (gates = new Map()));
        const group = gates.get(filing.gate);
        if (group) group.push(i);
        else gates.set(filing.gate, [i]);
      }
      if (slices.due()) await slices.pause();
    }
    // Then numbered and written group by group, so that a key's entries, their numbers and their
    // checks are runs that matching walks forwards.
    const entries: number[] = new Array<number>(queries.length).fill(-1);
    const place = (i: number) => {
      const { keys, gate, proven } = filed[i] as (typeof filed)[number];
      const entry = this.newEntry();
      entries[i] = entry;
      this.queries[entry] = queries[i] as Query;
      this.keyOf[entry] = keys.length === 1 ? (keys[0] as number) : -1;
      this.gateOf[entry] = gate;
      this.checks.write(entry, queries[i] as Query, proven);
      return entry;
    };
    for (const [key, gates] of byKey) {
      for (const [gate, positions] of gates) {
        const group = this.groupOf(key, gate);
        for (let p = 0; p < positions.length; p += 1) {
          group.entries.push(place(positions[p] as number));
          if (slices.due()) await slices.pause();
        }
      }
    }
    for (let s = 0; s < sharedOnes.length; s += 1) {
      const i = sharedOnes[s] as number;
      const entry = place(i);
      const keys = (filed[i] as (typeof filed)[number]).keys;
      this.sharedKeys.set(entry, keys);
      for (const key of keys) (this.shared[key] as number[]).push(entry);
      if (slices.due()) await slices.pause();
    }
    return entries;
  }

  /** Removes an entry; its number may come back for the next entry added. */
  remove(entry: number): void {
    const query = this.queries[entry];
    if (!query) return;
    this.filing.count(query, -1);
    const key = this.keyOf[entry] as number;
    if (key >= 0) {
      const group = this.groupByGate[key]?.get(this.gateOf[entry] as number) as Group;
      group.entries.splice(group.entries.indexOf(entry), 1);
    } else {
      for (const shared of this.sharedKeys.get(entry) as number[]) {
        const list = this.shared[shared] as number[];
        list.splice(list.indexOf(entry), 1);
      }
      this.sharedKeys.delete(entry);
    }
    this.queries[entry] = undefined;
    this.free.push(entry);
  }

  /**
   * The entries the job matches, each once, in no order. The array is reused: it holds until the
   * next call.
   */
  matching(doc: JobDocument): Int32Array {
    const stamp = this.mark(doc);
    const { marked, markedFor, reachedBy, checks } = this;
    if (this.found.length < this.queries.length) this.found = new Int32Array(this.queries.length * 2);
    const found = this.found;
    let count = 0;
    for (let k = 0; k < this.markedCount; k += 1) {
      const key = marked[k] as number;
      const groups = this.groups[key] as Group[];
      for (let g = 0; g < groups.length; g += 1) {
        const { gate, entries } = groups[g] as Group;
        if (gate >= 0 && markedFor[gate] !== stamp) continue;
        for (let i = 0; i < entries.length; i += 1) {
          const entry = entries[i] as number;
          if (checks.passes(entry, doc, markedFor, stamp)) found[count++] = entry;
        }
      }
      const shared = this.shared[key] as number[];
      for (let i = 0; i < shared.length; i += 1) {
        const entry = shared[i] as number;
        if (reachedBy[entry] === stamp) continue;
        reachedBy[entry] = stamp;
        if (checks.passes(entry, doc, markedFor, stamp)) found[count++] = entry;
      }
    }
    return found.subarray(0, count);
  }

  /** The entries filed under keys the job has (gates aside: some are never checked), each once. */
  reached(doc: JobDocument): number[] {
    this.mark(doc);
    const reached = new Set<number>();
    for (let k = 0; k < this.markedCount; k += 1) {
      const key = this.marked[k] as number;
      for (const { entries } of this.groups[key] as Group[]) for (const entry of entries) reached.add(entry);
      for (const entry of this.shared[key] as number[]) reached.add(entry);
    }
    return [...reached];
  }

  private newEntry(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    const entry = this.queries.length;
    this.queries.push(undefined);
    this.keyOf.push(-1);
    this.gateOf.push(-1);
    this.reachedBy.push(0);
    return entry;
  }

  private keyNumber(key: string): number {
    let number = this.keyNumbers.get(key);
    if (number !== undefined) return number;
    number = this.keyNumbers.size;
    this.keyNumbers.set(key, number);
    this.jobKeys.add(key, number);
    this.groups.push([]);
    this.groupByGate.push(new Map());
    this.shared.push([]);
    this.markedFor.push(0);
    this.marked.push(0);
    return number;
  }

  private groupOf(key: number, gate: number): Group {
    const gates = this.groupByGate[key] as Map<number, Group>;
    let group = gates.get(gate);
    if (!group) {
      gates.set(gate, (group = { gate, entries: [] }));
      (this.groups[key] as Group[]).push(group);
    }
    return group;
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
}
