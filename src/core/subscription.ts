import type { ChatId } from "./chat.js";
import type { DigestSchedule, QuietHours, Schedule } from "./schedule.js";

export interface Subscription {
  /** Short, shown to people, unique within the store. */
  id: string;
  chat: ChatId;
  /** Who typed /subscribe (platform user id), for audits and personal listings. */
  createdBy: string;
  /** The query as typed; the parsed form is derived from it when matchers are built. */
  query: string;
  createdAt: number;
  /**
   * The highest job seq stored when the subscription was made: only jobs with a greater seq
   * (first seen later) can reach it.
   */
  sinceSeq: number;
  /** How many alerts this subscription has contributed to, for /subscriptions. */
  matchCount: number;
  /** This subscription's own schedule (/digest 2 daily 08:30); without it, the chat's applies. */
  schedule?: Schedule;
}

/**
 * What matching needs of a subscription: the alert cycle holds one for every subscription (a
 * million at scale), so it holds no more than this (SubscriptionChanges, matcher.ts).
 */
export type MatchedSubscription = Pick<Subscription, "id" | "chat" | "query" | "sinceSeq">;

export function matchedPart({ id, chat, query, sinceSeq }: MatchedSubscription): MatchedSubscription {
  return { id, chat, query, sinceSeq };
}

export interface ChatState {
  chat: ChatId;
  /** The highest job seq already considered for this chat. */
  cursor: number;
  paused: boolean;
  /** Why alerts stopped, when the platform refused them (blocked, kicked); shown by /subscriptions. */
  pausedReason?: string;
  /** IANA name (/timezone); UTC when unset. */
  timeZone?: string;
  /** Alerts collected into a digest (/digest daily 08:30); instant when unset. */
  digest?: DigestSchedule;
  /** Local hours when instant alerts are held (/quiet 22:00-07:00). */
  quietHours?: QuietHours;
  /** Companies whose jobs never alert here, as first written (compared by companyKey): chat-filters.ts. */
  mutedCompanies?: string[];
  /** Fingerprints of jobs hidden here ("not interested"), oldest first, at most MAX_HIDDEN_JOBS. */
  hiddenJobs?: string[];
  /** In a person's private chat: the jobs they saved, from any chat, oldest first. */
  saved?: SavedJob[];
}

/** What /timezone, /digest and /quiet change; null removes a setting. */
export interface ChatSettingsPatch {
  timeZone?: string | null;
  digest?: DigestSchedule | null;
  quietHours?: QuietHours | null;
}

/**
 * A saved job keeps what /saved shows, so the list outlives the job's pruning; whether the job
 * closed is read from the stored job while there is one.
 */
export interface SavedJob {
  jobId: string;
  savedAt: number;
  title: string;
  company: string;
  url: string;
}
