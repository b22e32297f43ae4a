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
}

/** An alert decided but not yet confirmed sent (docs/ARCHITECTURE.md, Delivery's guarantees). */
export interface OutboxEntry {
  id: string;
  chat: ChatId;
  items: { jobId: string; matches: QueryMatch[] }[];
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
}

/** The query names of an alert item, de-duplicated, for "matched: …" lines. */
export function matchedQueries(item: AlertItem): string[] {
  return [...new Set(item.matches.map((m) => m.query))];
}

/** Matched words across every subscription of an item, de-duplicated, in evidence order. */
export function matchedWords(item: AlertItem): string[] {
  return [...new Set(item.matches.flatMap((m) => m.words))];
}
