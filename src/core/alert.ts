/**
 * An alert is what a chat is told about new jobs. The cycle decides alerts and stores them in the
 * outbox as job ids; delivery resolves them into Alerts with the jobs themselves when sending.
 */
import type { ChatId } from "./chat.js";
import type { Job } from "./job.js";

/** One subscription's reason for sending a job. */
export interface QueryMatch {
  subscriptionId: string;
  query: string;
  /** The words that matched, strongest evidence (title, tags) first. */
  words: string[];
}

export interface AlertItem {
  job: Job;
  matches: QueryMatch[];
}

export interface Alert {
  chat: ChatId;
  /** One item is a single alert; several are a grouped alert. */
  items: AlertItem[];
  /** Jobs left out while alerts could not be delivered (the outbox bound): such an alert has no items. */
  overflow?: Overflow;
  /** Set when these jobs waited for a digest or for quiet hours to end: rendered grouped by subscription. */
  digest?: Digest;
}

/** The jobs one subscription brought, newest first, at most DIGEST_CAP of them shown. */
export interface DigestGroup {
  subscriptionId: string;
  query: string;
  items: AlertItem[];
  /** How many more matched than are shown: "…and N more: /latest <query>". */
  more: number;
}

export interface Digest {
  /** A digest the chat asked for, or what quiet hours held. */
  heldFor: "digest" | "quiet";
  groups: DigestGroup[];
}

/** Jobs shown per subscription in a digest; the rest are counted, and /latest lists them. */
export const DIGEST_CAP = 10;

/**
 * A digest of items: each job once, under the first subscription it matched, subscriptions in the
 * order they were made, jobs newest first (highest seq first).
 */
export function digestOf(items: readonly AlertItem[], heldFor: Digest["heldFor"], cap = DIGEST_CAP): Digest {
  const bySubscription = new Map<string, { query: string; items: AlertItem[] }>();
  for (const item of items) {
    const first = item.matches[0];
    if (!first) continue;
    const group = bySubscription.get(first.subscriptionId) ?? { query: first.query, items: [] };
    group.items.push(item);
    bySubscription.set(first.subscriptionId, group);
  }
  const groups = [...bySubscription]
    .sort(([a], [b]) => Number(a) - Number(b) || a.localeCompare(b))
    .map(([subscriptionId, group]) => {
      const newest = group.items.sort((a, b) => b.job.seq - a.job.seq);
      return {
        subscriptionId,
        query: group.query,
        items: newest.slice(0, cap),
        more: Math.max(0, newest.length - cap),
      };
    });
  return { heldFor, groups };
}

/** How many jobs were folded out of a chat's outbox, and the queries they matched. */
export interface Overflow {
  jobs: number;
  queries: string[];
}

/** An alert decided but not yet confirmed sent (docs/ARCHITECTURE.md, Delivery's guarantees). */
export interface OutboxEntry {
  id: string;
  chat: ChatId;
  items: { jobId: string; matches: QueryMatch[] }[];
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Set on the one entry that stands for jobs folded out of the chat's outbox; its items are empty. */
  overflow?: Overflow;
}

/** The line an overflow is sent as (every renderer shows this text, escaped for its platform). */
export function overflowLine({ jobs, queries }: Overflow): string {
  const latest = queries.length > 0 ? queries.map((query) => `/latest ${query}`).join(" · ") : "/latest";
  return `${jobs} more ${jobs === 1 ? "job" : "jobs"} matched while alerts could not be delivered: ${latest}`;
}

/** The query names of an alert item, de-duplicated, for "matched: …" lines. */
export function matchedQueries(item: AlertItem): string[] {
  return [...new Set(item.matches.map((m) => m.query))];
}

/** Matched words across every subscription of an item, de-duplicated, in evidence order. */
export function matchedWords(item: AlertItem): string[] {
  return [...new Set(item.matches.flatMap((m) => m.words))];
}
