/**
 * The indexed matcher: scales to 100,000 subscriptions (`npm run bench -- matcher`).
 *
 * Subscriptions with the same query share one entry, filed in the query index (query-index.ts). A
 * new job reaches only the entries filed under keys it has, the index's quick check rules most of
 * them out, and only those that pass and have more to them (phrases, salaries) are tested whole. Results equal the naive loop's, order included: the property test in
 * tests/unit/core/query/indexed-matcher.test.ts holds it to that.
 */
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import type { Subscription } from "../subscription.js";
import { queryKey, type Query } from "./ast.js";
import { explainMatch, jobDocument, queryMatches } from "./match.js";
import { compileSubscriptions, type JobMatcher, type MatcherFactory, type SubscriptionMatch } from "./matcher.js";
import { QueryIndex } from "./query-index.js";

interface Entry {
  query: Query;
  /** Positions, in the subscriptions given, of the subscriptions with this query. */
  orders: number[];
}

export interface IndexedMatcher extends JobMatcher {
  /** The subscriptions the index leads a job to, before their queries are tested (tests, bench). */
  reached(job: Job): Subscription[];
}

export const indexedMatcher: MatcherFactory = (subscriptions, log) => createIndexedMatcher(subscriptions, log);

export function createIndexedMatcher(subscriptions: readonly Subscription[], log: Logger): IndexedMatcher {
  const entries = groupByQuery(subscriptions, log);
  const index = new QueryIndex(entries.map((entry) => entry.query));
  const entryOf = new Int32Array(subscriptions.length);
  entries.forEach((entry, id) => entry.orders.forEach((order) => (entryOf[order] = id)));

  return {
    reached: (job) =>
      index.candidates(jobDocument(job), false).flatMap((id) => (entries[id] as Entry).orders.map((order) => subscriptions[order] as Subscription)),
    match(job) {
      const doc = jobDocument(job);
      const orders: number[] = [];
      const explanations = new Map<number, string[]>();
      for (const id of index.candidates(doc)) {
        const { query, orders: sharing } = entries[id] as Entry;
        if (!index.isComplete(id) && !queryMatches(query, doc)) continue;
        explanations.set(id, index.explain(id, doc) ?? explainMatch(query, doc));
        for (const order of sharing) orders.push(order);
      }
      // Back into the order the subscriptions were given, as the naive loop answers: a numeric
      // sort of positions, much cheaper than sorting the matches with a comparator.
      const sorted = Int32Array.from(orders).sort();
      const matches = new Array<SubscriptionMatch>(sorted.length);
      for (let i = 0; i < sorted.length; i += 1) {
        const order = sorted[i] as number;
        matches[i] = { subscription: subscriptions[order] as Subscription, words: explanations.get(entryOf[order] as number) as string[] };
      }
      return matches;
    },
  };
}

function groupByQuery(subscriptions: readonly Subscription[], log: Logger): Entry[] {
  const byKey = new Map<string, Entry>();
  for (const { query, order } of compileSubscriptions(subscriptions, log)) {
    const key = queryKey(query);
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { query, orders: [] }));
    entry.orders.push(order);
  }
  return [...byKey.values()];
}
