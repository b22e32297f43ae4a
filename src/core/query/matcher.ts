/**
 * The matcher the alert cycle uses: built once per cycle from the active subscriptions, then asked
 * for each new job. This is the interface the indexed matcher implements.
 */
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import type { Subscription } from "../subscription.js";
import { jobDocument, matchQuery } from "./match.js";
import { parseQuery, type Query } from "./parse.js";

export interface SubscriptionMatch {
  subscription: Subscription;
  words: string[];
}

export interface JobMatcher {
  match(job: Job): SubscriptionMatch[];
}

export type MatcherFactory = (subscriptions: readonly Subscription[], log: Logger) => JobMatcher;

/** Parses each stored query once; a query that no longer parses is logged and left out. */
export function compileSubscriptions(subscriptions: readonly Subscription[], log: Logger): { subscription: Subscription; query: Query }[] {
  const compiled: { subscription: Subscription; query: Query }[] = [];
  for (const subscription of subscriptions) {
    try {
      compiled.push({ subscription, query: parseQuery(subscription.query) });
    } catch (error) {
      log.warn({ subscription: subscription.id, query: subscription.query, error: String(error) }, "stored query no longer parses");
    }
  }
  return compiled;
}

/** Every subscription is tried against every job. */
export const naiveMatcher: MatcherFactory = (subscriptions, log) => {
  const compiled = compileSubscriptions(subscriptions, log);
  return {
    match(job) {
      const doc = jobDocument(job);
      const matches: SubscriptionMatch[] = [];
      for (const { subscription, query } of compiled) {
        const words = matchQuery(query, doc);
        if (words) matches.push({ subscription, words });
      }
      return matches;
    },
  };
};
