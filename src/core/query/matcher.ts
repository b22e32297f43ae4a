/**
 * The matcher the alert cycle uses: built once per cycle from the active subscriptions, then asked
 * for each new job. Two implementations of one interface: the naive loop, which is obviously
 * right, and the indexed matcher (indexed-matcher.ts), which must return exactly the same.
 */
import { describeError } from "../errors.js";
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import type { Subscription } from "../subscription.js";
import type { Query } from "./ast.js";
import { jobDocument, matchQuery, type JobDocument } from "./match.js";
import { parseQuery } from "./parse.js";

export interface SubscriptionMatch {
  subscription: Subscription;
  words: string[];
}

export interface JobMatcher {
  /** The subscriptions the job matches, in the order the subscriptions were given. */
  match(job: Job): SubscriptionMatch[];
}

/** Both matchers also answer for a job whose document (match.ts jobDocument) is already made, as the bench prepares them. */
export interface DocumentMatcher extends JobMatcher {
  matchDocument(doc: JobDocument): SubscriptionMatch[];
}

export type MatcherFactory = (subscriptions: readonly Subscription[], log: Logger) => JobMatcher;

export interface CompiledSubscription {
  subscription: Subscription;
  query: Query;
  /** Its position among the subscriptions given. */
  order: number;
}

/**
 * Parses each stored query once (the same text once for every subscription that has it); a query
 * that no longer parses, because the language changed since it was stored, is logged and left out.
 */
export function compileSubscriptions(subscriptions: readonly Subscription[], log: Logger): CompiledSubscription[] {
  const parsed = new Map<string, Query | undefined>();
  const compiled: CompiledSubscription[] = [];
  subscriptions.forEach((subscription, order) => {
    if (!parsed.has(subscription.query)) parsed.set(subscription.query, parseOrLog(subscription, log));
    const query = parsed.get(subscription.query);
    if (query) compiled.push({ subscription, query, order });
  });
  return compiled;
}

function parseOrLog(subscription: Subscription, log: Logger): Query | undefined {
  try {
    return parseQuery(subscription.query);
  } catch (error) {
    log.warn({ subscription: subscription.id, query: subscription.query, error: describeError(error) }, "stored query no longer parses");
    return undefined;
  }
}

/** Every subscription is tried against every job: the reference the indexed matcher must equal. */
export function naiveMatcher(subscriptions: readonly Subscription[], log: Logger): DocumentMatcher {
  const compiled = compileSubscriptions(subscriptions, log);
  const matchDocument = (doc: JobDocument) => {
    const matches: SubscriptionMatch[] = [];
    for (const { subscription, query } of compiled) {
      const words = matchQuery(query, doc);
      if (words) matches.push({ subscription, words });
    }
    return matches;
  };
  return { match: (job) => matchDocument(jobDocument(job)), matchDocument };
}
