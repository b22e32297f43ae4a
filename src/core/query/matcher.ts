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
import { explainMatch, jobDocument, queryMatches, type JobDocument } from "./match.js";
import { parseQuery } from "./parse.js";

/**
 * What one job matched. The words are worked out when asked, not while matching: explaining a
 * match costs about as much as finding it, and the alert cycle needs words only for the matches
 * it turns into alerts (not for paused chats, nor for jobs older than the subscription).
 */
export interface JobMatches {
  /** How many subscriptions the job matches. */
  readonly count: number;
  /** The i-th of them (from 0), in the order the subscriptions were given. */
  subscription(i: number): Subscription;
  /** The words that made the i-th of them match, title and tag words first (match.ts explainMatch). */
  words(i: number): string[];
}

export interface JobMatcher {
  match(job: Job): JobMatches;
}

/** Both matchers also answer for a job whose document (match.ts jobDocument) is already made, as the bench prepares them. */
export interface DocumentMatcher extends JobMatcher {
  matchDocument(doc: JobDocument): JobMatches;
}

/** The matches of one job, explained on demand from each matched subscription's own query. */
function jobMatches(doc: JobDocument, subscriptions: readonly Subscription[], queries: readonly Query[]): JobMatches {
  return {
    count: subscriptions.length,
    subscription: (i) => subscriptions[i] as Subscription,
    words: (i) => explainMatch(queries[i] as Query, doc),
  };
}

/**
 * Stored queries already parsed, by text (or why one no longer parses). A caller that builds
 * matchers again and again (the alert cycle, whenever the active subscriptions change) keeps one
 * and passes it to each build: 100,000 queries take over a second to parse, and most are the same
 * as last time. Each build leaves in it only the texts it was given.
 */
export type ParsedQueries = Map<string, Query | Error>;

export type MatcherFactory = (
  subscriptions: readonly Subscription[],
  log: Logger,
  parsed?: ParsedQueries,
) => JobMatcher;

export interface CompiledSubscription {
  subscription: Subscription;
  query: Query;
  /** Its position among the subscriptions given. */
  order: number;
}

/**
 * Parses each stored query once (the same text once for every subscription that has it, and not
 * at all when `parsed` already has it); a query that no longer parses, because the language
 * changed since it was stored, is left out and logged once, when it is first parsed: `parsed`
 * remembers the failure, so later builds neither parse nor log it again while it stays stored.
 */
export function compileSubscriptions(
  subscriptions: readonly Subscription[],
  log: Logger,
  parsed: ParsedQueries = new Map(),
): CompiledSubscription[] {
  const seen = new Set<string>();
  const compiled: CompiledSubscription[] = [];
  subscriptions.forEach((subscription, order) => {
    const text = subscription.query;
    seen.add(text);
    let query = parsed.get(text);
    if (!query) {
      parsed.set(text, (query = parseOrError(text)));
      if (query instanceof Error)
        log.warn(
          { subscription: subscription.id, query: text, error: describeError(query) },
          "stored query no longer parses",
        );
    }
    if (!(query instanceof Error)) compiled.push({ subscription, query, order });
  });
  for (const text of parsed.keys()) if (!seen.has(text)) parsed.delete(text);
  return compiled;
}

function parseOrError(text: string): Query | Error {
  try {
    return parseQuery(text);
  } catch (error) {
    return error instanceof Error ? error : new Error(describeError(error));
  }
}

/** Every subscription is tried against every job: the reference the indexed matcher must equal. */
export function naiveMatcher(
  subscriptions: readonly Subscription[],
  log: Logger,
  parsed?: ParsedQueries,
): DocumentMatcher {
  const compiled = compileSubscriptions(subscriptions, log, parsed);
  const matchDocument = (doc: JobDocument) => {
    const subscriptions: Subscription[] = [];
    const queries: Query[] = [];
    for (const { subscription, query } of compiled) {
      if (queryMatches(query, doc)) {
        subscriptions.push(subscription);
        queries.push(query);
      }
    }
    return jobMatches(doc, subscriptions, queries);
  };
  return { match: (job) => matchDocument(jobDocument(job)), matchDocument };
}
