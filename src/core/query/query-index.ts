/**
 * The index of the indexed matcher, over a list of distinct queries (by position): the layout
 * (query-layout.ts) says which queries each key leads to, behind which gates, and what is left to
 * check of each. Finding a job's matches is then: mark the keys the job has, walk the groups of
 * each marked key whose gate the job has, check their queries. Words, prefixes and places are
 * answered by the marked keys; phrases and salaries are tested the first time a query asks, and
 * the answer kept for the rest of the job.
 */
import type { Atom, Query } from "./ast.js";
import type { JobDocument } from "./document.js";
import { atomMatches } from "./match.js";
import { JobKeys } from "./query-keys.js";
import { layOutQueries, type QueryLayout } from "./query-layout.js";

export class QueryIndex {
  /**
   * Per query by the index's own number, its position among the queries given. Answers are in
   * the index's numbers: a caller keeping data per query keeps it in that order too, so that
   * reading it for the matches of one key's groups walks forwards, as the index does.
   */
  readonly given: Int32Array;
  private readonly layout: QueryLayout;
  private readonly jobKeys: JobKeys;
  /** Per key, the last job (by stamp) that had it; per query filed under several keys, the last job that reached it. */
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
    this.layout = layOutQueries(queries);
    this.given = this.layout.given;
    const keys = this.layout.keyNumbers.size;
    this.jobKeys = new JobKeys(this.layout.keyNumbers);
    this.markedFor = new Int32Array(keys);
    this.reachedBy = new Int32Array(queries.length);
    this.testedFor = new Int32Array(this.layout.tested.length);
    this.tested = new Uint8Array(this.layout.tested.length);
    this.marked = new Int32Array(keys);
    this.found = new Int32Array(queries.length);
  }

  /**
   * The queries the job matches, by the index's numbers, each once, in no order. The array is
   * reused: it holds until the next call.
   */
  matching(doc: JobDocument): Int32Array {
    const stamp = this.mark(doc);
    const { groupAt, groupKey, groupStart, sharedAt, shared } = this.layout;
    const { marked, markedFor, reachedBy, found } = this;
    let count = 0;
    for (let k = 0; k < this.markedCount; k += 1) {
      const key = marked[k] as number;
      for (let group = groupAt[key] as number, last = groupAt[key + 1] as number; group < last; group += 1) {
        const gate = groupKey[group] as number;
        if (gate >= 0 && markedFor[gate] !== stamp) continue;
        for (let query = groupStart[group] as number, end = groupStart[group + 1] as number; query < end; query += 1) {
          if (this.passes(query, doc)) found[count++] = query;
        }
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

  /** The queries filed under keys the job has (gates aside: some are never tested), by the index's numbers, each once. */
  reached(doc: JobDocument): number[] {
    this.mark(doc);
    const { groupAt, groupStart, sharedAt, shared } = this.layout;
    const reached = new Set<number>();
    for (let k = 0; k < this.markedCount; k += 1) {
      const key = this.marked[k] as number;
      const [first, end] = [
        groupStart[groupAt[key] as number] as number,
        groupStart[groupAt[key + 1] as number] as number,
      ];
      for (let query = first; query < end; query += 1) reached.add(query);
      for (let i = sharedAt[key] as number; i < (sharedAt[key + 1] as number); i += 1) reached.add(shared[i] as number);
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

  /** Whether the query's checks allow the job: every clause to include has an atom the job has, no clause to exclude has one. */
  private passes(query: number, doc: JobDocument): boolean {
    const { checks, checkAt } = this.layout;
    const { markedFor, stamp } = this;
    let at = checkAt[query] as number;
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      let found = false;
      for (at += 1; at < end && !found; at += 1) {
        const code = checks[at] as number;
        found = code >= 0 ? markedFor[code] === stamp : this.test(~code, doc);
      }
      if (!found) return false;
      at = end;
    }
    for (let clauses = checks[at++] as number; clauses > 0; clauses -= 1) {
      const end = at + 1 + (checks[at] as number);
      for (at += 1; at < end; at += 1) {
        const code = checks[at] as number;
        if (code >= 0 ? markedFor[code] === stamp : this.test(~code, doc)) return false;
      }
    }
    return true;
  }

  /** Whether the job being matched has an atom its keys cannot answer: tested once per job. */
  private test(atom: number, doc: JobDocument): boolean {
    if (this.testedFor[atom] !== this.stamp) {
      this.testedFor[atom] = this.stamp;
      this.tested[atom] = atomMatches(this.layout.tested[atom] as Atom, doc) ? 1 : 0;
    }
    return this.tested[atom] === 1;
  }
}
