/**
 * What a chat asked not to hear about (issue #18): muted companies and hidden jobs. A muted
 * company is compared the way the dedup fingerprint compares companies ("Acme, Inc." is "ACME"),
 * so it is silenced on every board; a hidden job is kept by fingerprint, so its copies on other
 * boards stay hidden too. These are pure rules on ChatState: every store applies the same ones.
 */
import type { ChatId } from "./chat.js";
import { companyKey } from "./fingerprint.js";
import type { Job } from "./job.js";
import type { ChatState, SavedJob } from "./subscription.js";

/**
 * Hidden jobs kept per chat. A posting's copies on other boards appear within days of it, and
 * jobs older than the retention window are never announced, so the oldest hides can go.
 */
export const MAX_HIDDEN_JOBS = 1000;
/** Saved jobs kept per person; saving more drops the oldest. */
export const MAX_SAVED_JOBS = 500;
/** Muted companies per chat. */
export const MAX_MUTED_COMPANIES = 200;

export type ChatFilterChange =
  { kind: "mute"; company: string } | { kind: "unmute"; company: string } | { kind: "hide"; fingerprint: string };

/** A chat's state before it had any (no subscription yet, never paused). */
export function blankChatState(chat: ChatId, cursor: number): ChatState {
  return { chat, cursor, paused: false };
}

/** Whether the chat asked not to be told about this job. */
export function isFilteredOut(state: ChatState, job: Pick<Job, "company" | "fingerprint">): boolean {
  if (state.hiddenJobs?.includes(job.fingerprint)) return true;
  const muted = state.mutedCompanies;
  if (!muted || muted.length === 0) return false;
  const key = companyKey(job.company);
  return muted.some((company) => companyKey(company) === key);
}

/** The muted company with this company's key, as it was first written; undefined when not muted. */
export function mutedAs(state: ChatState | undefined, company: string): string | undefined {
  const key = companyKey(company);
  return state?.mutedCompanies?.find((muted) => companyKey(muted) === key);
}

/** The state after the change, or undefined when it changes nothing (already muted, not muted…). */
export function applyFilterChange(state: ChatState, change: ChatFilterChange): ChatState | undefined {
  switch (change.kind) {
    case "mute": {
      if (mutedAs(state, change.company) !== undefined) return undefined;
      const muted = [...(state.mutedCompanies ?? []), change.company].slice(-MAX_MUTED_COMPANIES);
      return { ...state, mutedCompanies: muted };
    }
    case "unmute": {
      const key = companyKey(change.company);
      const kept = (state.mutedCompanies ?? []).filter((company) => companyKey(company) !== key);
      if (kept.length === (state.mutedCompanies ?? []).length) return undefined;
      return { ...state, mutedCompanies: kept };
    }
    case "hide": {
      if (state.hiddenJobs?.includes(change.fingerprint)) return undefined;
      return { ...state, hiddenJobs: [...(state.hiddenJobs ?? []), change.fingerprint].slice(-MAX_HIDDEN_JOBS) };
    }
  }
}

/** The state with the job saved (newest last), or undefined when it already was. */
export function withSaved(state: ChatState, saved: SavedJob): ChatState | undefined {
  if (state.saved?.some((s) => s.jobId === saved.jobId)) return undefined;
  return { ...state, saved: [...(state.saved ?? []), saved].slice(-MAX_SAVED_JOBS) };
}

/** The state without that saved job, or undefined when it was not saved. */
export function withoutSaved(state: ChatState, jobId: string): ChatState | undefined {
  const kept = (state.saved ?? []).filter((s) => s.jobId !== jobId);
  return kept.length === (state.saved ?? []).length ? undefined : { ...state, saved: kept };
}

/** What a saved-job entry keeps of a job. */
export function savedJobOf(job: Job, savedAt: number): SavedJob {
  return { jobId: job.id, savedAt, title: job.title, company: job.company, url: job.url };
}
