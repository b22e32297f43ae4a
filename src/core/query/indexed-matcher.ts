/**
 * The indexed matcher: scales to 100,000 subscriptions (`npm run bench -- matcher`).
 *
 * Subscriptions with the same query share one entry, filed in the query index (query-index.ts). A
 * new job reaches only the entries filed under keys it has, and the index tests and explains those
 * from flat arrays (query-index.ts). Results equal the naive loop's, order included: the property test in
 * tests/unit/core/query/indexed-matcher.test.ts holds it to that.
 */
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import type { Subscription } from "../subscription.js";
import { explainedAtomKey, queryKey, type Query } from "./ast.js";
import { jobDocument, type JobDocument } from "./match.js";
import { compileSubscriptions, type DocumentMatcher, type MatcherFactory, type SubscriptionMatch } from "./matcher.js";
import { QueryIndex } from "./query-index.js";

interface Entry {
  query: Query;
  /** Positions, in the subscriptions given, of the subscriptions with this query. */
  orders: number[];
}

export interface IndexedMatcher extends DocumentMatcher {
  /** The subscriptions the index leads a job to, before their queries are tested (tests, bench). */
  reached(job: Job): Subscription[];
}

export const indexedMatcher: MatcherFactory = (subscriptions, log) => createIndexedMatcher(subscriptions, log);

export function createIndexedMatcher(subscriptions: readonly Subscription[], log: Logger): IndexedMatcher {
  const entries = groupByQuery(subscriptions, log);
  const index = new QueryIndex(entries.map((entry) => entry.query));
  const entryOf = new Int32Array(subscriptions.length);
  entries.forEach((entry, id) => entry.orders.forEach((order) => (entryOf[order] = id)));
  /** Per entry, its explanation for the job being matched; read only for the entries it matched. */
  const explanationOf = new Array<string[] | undefined>(entries.length).fill(undefined);

  return {
    reached: (job) =>
      index.candidates(jobDocument(job), false).flatMap((id) => (entries[id] as Entry).orders.map((order) => subscriptions[order] as Subscription)),
    match: (job) => matchDocument(jobDocument(job)),
    matchDocument,
  };

  function matchDocument(doc: JobDocument): SubscriptionMatch[] {
    // Flat and by entry number: a job matches some 2,000 of 100,000 subscriptions, and a Map or
    // an iterator per match costs more than the check that found it.
    const matched: number[] = [];
    let count = 0;
    for (const id of index.candidates(doc)) {
      explanationOf[id] = index.explain(id, doc);
      matched.push(id);
      count += (entries[id] as Entry).orders.length;
    }
    // Back into the order the subscriptions were given, as the naive loop answers: a numeric
    // sort of positions, much cheaper than sorting the matches with a comparator.
    const sorted = new Int32Array(count);
    let at = 0;
    for (const id of matched) for (const order of (entries[id] as Entry).orders) sorted[at++] = order;
    sorted.sort();
    const matches = new Array<SubscriptionMatch>(count);
    for (let i = 0; i < count; i += 1) {
      const order = sorted[i] as number;
      matches[i] = { subscription: subscriptions[order] as Subscription, words: explanationOf[entryOf[order] as number] as string[] };
    }
    return matches;
  }
}

function groupByQuery(subscriptions: readonly Subscription[], log: Logger): Entry[] {
  const byKey = new Map<string, Entry>();
  for (const { query, order } of compileSubscriptions(subscriptions, log)) {
    const key = entryKey(query);
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { query, orders: [] }));
    entry.orders.push(order);
  }
  return [...byKey.values()];
}

/** Queries that match alike share an entry only when they are explained alike too (places as written). */
function entryKey(query: Query): string {
  const places = query.include.flatMap((clause) => clause.atoms.filter((atom) => atom.kind === "place").map(explainedAtomKey));
  return places.length === 0 ? queryKey(query) : `${queryKey(query)} ${places.join(" ")}`;
}
