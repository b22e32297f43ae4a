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
