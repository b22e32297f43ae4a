/**
 * The indexed matcher: scales to 100,000 subscriptions (`npm run bench -- matcher`).
 *
 * Subscriptions with the same query share one entry, filed in the query index (query-index.ts). A
 * new job reaches only the entries filed under keys it has, and the index tests those from flat
 * arrays. Results equal the naive loop's, order and explanations included: the property test in
 * tests/unit/core/query/indexed-matcher.test.ts holds it to that.
 */
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import type { Subscription } from "../subscription.js";
import { queryKey, type Query } from "./ast.js";
import { explainMatch, jobDocument, type JobDocument } from "./match.js";
import {
  compileSubscriptions,
  type DocumentMatcher,
  type JobMatches,
  type MatcherFactory,
  type ParsedQueries,
} from "./matcher.js";
import { QueryIndex } from "./query-index.js";

export interface IndexedMatcher extends DocumentMatcher {
  /** The subscriptions filed under keys the job has, whether or not their gates let them be tested (tests, bench). */
  reached(job: Job): Subscription[];
}

export const indexedMatcher: MatcherFactory = (subscriptions, log, parsed) =>
  createIndexedMatcher(subscriptions, log, parsed);

export function createIndexedMatcher(
  subscriptions: readonly Subscription[],
  log: Logger,
  parsed?: ParsedQueries,
): IndexedMatcher {
  const compiled = compileSubscriptions(subscriptions, log, parsed);
  /** Per subscription (by position), its parsed query, which explains its matches. */
  const queryAt = new Array<Query | undefined>(subscriptions.length).fill(undefined);
  for (const { query, order } of compiled) queryAt[order] = query;
  // Entries: one per distinct query, each with the positions of its subscriptions.
  const entryOf = new Map<string, number>();
  const entryQueries: Query[] = [];
  const entryPositions: number[][] = [];
  for (const { query, order } of compiled) {
    const key = queryKey(query);
    let entry = entryOf.get(key);
    if (entry === undefined) {
      entryOf.set(key, (entry = entryQueries.length));
      entryQueries.push(query);
      entryPositions.push([]);
    }
    entryPositions[entry]?.push(order);
  }
  const index = new QueryIndex(entryQueries);
  // The same positions flat, by the index's numbers for the entries (QueryIndex.given):
  // positions[positionsAt[n] .. positionsAt[n + 1]].
  const positionsAt = new Int32Array(entryQueries.length + 1);
  const positions = new Int32Array(compiled.length);
  index.given.forEach((entry, n) => {
    const list = entryPositions[entry] as number[];
    positions.set(list, positionsAt[n]);
    positionsAt[n + 1] = (positionsAt[n] as number) + list.length;
  });
  const matchedBits = new Uint32Array(Math.ceil(subscriptions.length / 32));

  const toSubscriptions = (entries: readonly number[]) => {
    const all: Subscription[] = [];
    for (const entry of entries) {
      for (let i = positionsAt[entry] as number; i < (positionsAt[entry + 1] as number); i += 1)
        all.push(subscriptions[positions[i] as number] as Subscription);
    }
    return all;
  };

  return {
    reached: (job) => toSubscriptions(index.reached(jobDocument(job))),
    match: (job) => matchDocument(jobDocument(job)),
    matchDocument,
  };

  function matchDocument(doc: JobDocument): JobMatches {
    const entries = index.matching(doc);
    // Back into the order the subscriptions were given, as the naive loop answers: each matched
    // position is set in a bitmap of all positions, which is then read in order (and cleared as
    // it is read). Cheaper than sorting the 2,000 positions a job matches among 100,000.
    let count = 0;
    for (const entry of entries) {
      for (let i = positionsAt[entry] as number; i < (positionsAt[entry + 1] as number); i += 1) {
        const position = positions[i] as number;
        matchedBits[position >>> 5] = (matchedBits[position >>> 5] as number) | (1 << (position & 31));
        count += 1;
      }
    }
    const sorted = new Int32Array(count);
    let at = 0;
    for (let word = 0; at < count; word += 1) {
      let bits = matchedBits[word] as number;
      if (bits === 0) continue;
      matchedBits[word] = 0;
      while (bits !== 0) {
        const lowest = bits & -bits;
        sorted[at++] = word * 32 + 31 - Math.clz32(lowest);
        bits ^= lowest;
      }
    }
    return {
      count,
      subscription: (i) => subscriptions[sorted[i] as number] as Subscription,
      words: (i) => explainMatch(queryAt[sorted[i] as number] as Query, doc),
    };
  }
}
