/**
 * The matcher the alert cycle uses: it holds every subscription, follows the store's changes to
 * them, and is asked for each new job. Two implementations of one interface: the naive loop, which
 * is obviously right, and the indexed matcher (indexed-matcher.ts), which must return exactly the
 * same.
 */
import { describeError } from "../errors.js";
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import type { Slices } from "../slices.js";
import { matchedPart, type MatchedSubscription } from "../subscription.js";
import type { Query } from "./ast.js";
import { explainMatch, jobDocument, queryMatches, type JobDocument } from "./match.js";
import { parseQuery } from "./parse.js";

/**
 * What one job matched. The words are worked out when asked, not while matching: explaining a
 * match costs about as much as finding it, and not every match becomes an alert (paused chats,
 * jobs older than the subscription). The alert cycle still asks for all of a job's at once
 * (explainedNow): holding every new job's document until it decides cost more.
 */
export interface JobMatches {
  /** How many subscriptions the job matches. */
  readonly count: number;
  /** The i-th of them (from 0), in the order the subscriptions were given. */
  subscription(i: number): MatchedSubscription;
  /** The words that made the i-th of them match, title and tag words first (match.ts explainMatch). */
  words(i: number): string[];
}

/**
 * The same matches with every explanation worked out now, holding nothing of the job's document:
 * the alert cycle matches a cycle's jobs before it decides on any, and 2,000 documents of real
 * postings (some 50 KB each) kept until then took 96 MB. Explaining all of a job's matches
 * costs about a microsecond each.
 */
export function explainedNow(matches: JobMatches): JobMatches {
  const subscriptions = Array.from({ length: matches.count }, (_, i) => matches.subscription(i));
  const words = Array.from({ length: matches.count }, (_, i) => matches.words(i));
  return heldMatches(subscriptions, words);
}

/**
 * Made apart from explainedNow: closures made in one function share its scope, so answers made
 * there kept `matches`, and through it the job's document, for as long as they lived (a cycle of
 * 2,000 jobs held all 2,000 documents until it decided: 175 MB at a million subscriptions).
 */
function heldMatches(subscriptions: readonly MatchedSubscription[], words: readonly string[][]): JobMatches {
  return {
    count: subscriptions.length,
    subscription: (i) => subscriptions[i] as MatchedSubscription,
    words: (i) => words[i] as string[],
  };
}

export interface JobMatcher {
  match(job: Job): JobMatches;
}

/** Both matchers also answer for a job whose document (match.ts jobDocument) is already made, as the bench prepares them. */
export interface DocumentMatcher extends JobMatcher {
  matchDocument(doc: JobDocument): JobMatches;
}

/** The matches of one job, explained on demand from each matched subscription's own query. */
function jobMatches(
  doc: JobDocument,
  subscriptions: readonly MatchedSubscription[],
  queries: readonly Query[],
): JobMatches {
  return {
    count: subscriptions.length,
    subscription: (i) => subscriptions[i] as MatchedSubscription,
    words: (i) => explainMatch(queries[i] as Query, doc),
  };
}

/**
 * The subscriptions the alert cycle matches new jobs against, kept up to date change by change as
 * people subscribe and unsubscribe (issue 16: never rebuilt while commands wait). One change at a
 * time: the next starts after `add` resolved.
 */
export interface SubscriptionMatcher extends DocumentMatcher {
  /**
   * Adds subscriptions after every one held: answers list subscriptions in the order they were
   * added. One already held (by id) is replaced, and counts as added now. Long additions (all of
   * them at start) pause between slices.
   */
  add(subscriptions: readonly MatchedSubscription[], slices?: Slices): Promise<void>;
  /** Removes subscriptions by id; ids not held are ignored. */
  remove(ids: readonly string[]): void;
  /** How many subscriptions are held. */
  readonly size: number;
}

export type MatcherFactory = (log: Logger) => SubscriptionMatcher;

/**
 * A stored query, parsed; a query that no longer parses, because the language changed since it
 * was stored, is logged and answers undefined: the matchers parse each text once while any
 * subscription holds it, so it is logged once, not on every cycle.
 */
export function parseStored(subscription: MatchedSubscription, log: Logger): Query | undefined {
  try {
    return parseQuery(subscription.query);
  } catch (error) {
    log.warn(
      { subscription: subscription.id, query: subscription.query, error: describeError(error) },
      "stored query no longer parses",
    );
    return undefined;
  }
}

/** Every subscription is tried against every job: the reference the indexed matcher must equal. */
export function naiveMatcher(log: Logger): SubscriptionMatcher {
  let held: { subscription: MatchedSubscription; query: Query | undefined }[] = [];
  const parsed = new Map<string, { query: Query | undefined; holders: number }>();
  const matcher: SubscriptionMatcher = {
    async add(subscriptions) {
      const ids = new Set(subscriptions.map((s) => s.id));
      if (held.some(({ subscription }) => ids.has(subscription.id))) matcher.remove([...ids]);
      for (const subscription of subscriptions) {
        let text = parsed.get(subscription.query);
        if (!text) parsed.set(subscription.query, (text = { query: parseStored(subscription, log), holders: 0 }));
        text.holders += 1;
        held.push({ subscription: matchedPart(subscription), query: text.query });
      }
    },
    remove(ids) {
      const removing = new Set(ids);
      held = held.filter(({ subscription }) => {
        if (!removing.has(subscription.id)) return true;
        const text = parsed.get(subscription.query) as { holders: number };
        if (--text.holders === 0) parsed.delete(subscription.query);
        return false;
      });
    },
    get size() {
      return held.length;
    },
    match: (job) => matchDocument(jobDocument(job)),
    matchDocument,
  };
  function matchDocument(doc: JobDocument): JobMatches {
    const subscriptions: MatchedSubscription[] = [];
    const queries: Query[] = [];
    for (const { subscription, query } of held) {
      if (query && queryMatches(query, doc)) {
        subscriptions.push(subscription);
        queries.push(query);
      }
    }
    return jobMatches(doc, subscriptions, queries);
  }
  return matcher;
}

/** A matcher holding these subscriptions, added in one go (tests, benches). */
export async function matcherOf(
  factory: MatcherFactory,
  subscriptions: readonly MatchedSubscription[],
  log: Logger,
): Promise<SubscriptionMatcher> {
  const matcher = factory(log);
  await matcher.add(subscriptions);
  return matcher;
}
