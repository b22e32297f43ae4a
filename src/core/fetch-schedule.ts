/**
 * When a source may be fetched again (docs/ARCHITECTURE.md, The data flow): never before its politeness floor has
 * passed since the last fetch, and after failures not before an exponential backoff with jitter
 * (so that many Jobhound instances hit by the same outage do not retry in step).
 */
import { HOUR, MINUTE } from "./clock.js";
import type { JobSource } from "./source.js";
import type { SourceState } from "./source-state.js";

export const BACKOFF_BASE_MS = MINUTE;
export const BACKOFF_CAP_MS = 6 * HOUR;
/** A server's Retry-After is honoured, within reason: a bogus "retry in a year" is not. */
const RETRY_AFTER_CAP_MS = 24 * HOUR;
/** See isDue. */
const MAX_SLACK_MS = MINUTE;

/** A number in [0, 1), like Math.random; tests pass a fixed one. */
export type Random = () => number;

/**
 * Whether a source may be fetched now. A cron tick and the fetch it started are a few
 * milliseconds apart, and not by the same amount every time: without a little slack, a source
 * whose floor equals the schedule's interval would be skipped every other tick. The slack is 5%
 * of the floor at most (a minute at most), so "four a day" stays four a day.
 */
export function isDue(source: Pick<JobSource, "minIntervalMs">, state: SourceState | undefined, now: number): boolean {
  if (state?.nextFetchAt === undefined) return true;
  const slack = Math.min(source.minIntervalMs * 0.05, MAX_SLACK_MS);
  return now >= state.nextFetchAt - slack;
}

/** After a success: the floor, counted from when the request went out. */
export function nextFetchAfterSuccess(source: Pick<JobSource, "minIntervalMs">, startedAt: number): number | undefined {
  return source.minIntervalMs > 0 ? startedAt + source.minIntervalMs : undefined;
}

/**
 * The delay before retrying after the `failures`-th failure in a row: 1, 2, 4 … minutes, capped
 * at 6 h, each drawn between half and all of that ("equal jitter").
 */
export function backoffDelay(failures: number, random: Random): number {
  const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.min(BACKOFF_CAP_MS, Math.round(exponential / 2 + random() * (exponential / 2)));
}

/** After a failure: the backoff, but never sooner than the floor or than the server asked. */
export function nextFetchAfterFailure(
  source: Pick<JobSource, "minIntervalMs">,
  { failures, now, retryAfterMs, random }: { failures: number; now: number; retryAfterMs?: number; random: Random },
): number {
  const asked = retryAfterMs === undefined ? 0 : Math.min(Math.max(0, retryAfterMs), RETRY_AFTER_CAP_MS);
  return now + Math.max(source.minIntervalMs, backoffDelay(failures, random), asked);
}

/** The Retry-After a failed fetch carried, if any (see JobSource.fetch). */
export function retryAfterOf(error: Error): number | undefined {
  const value: unknown = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
