/**
 * A chat's clock: digest schedules and quiet hours in its time zone, turned into instants. Only
 * `Intl` (Node's full ICU) is used: it gives any instant's wall-clock reading in any IANA zone,
 * which is all that "the next 08:30 local after T" needs, daylight-saving changes included:
 *
 * - a local time that does not exist that day (02:30 on a spring-forward day) happens when the
 *   clocks jump past it, at 03:00;
 * - a local time that happens twice (02:30 on a fall-back day) counts once, at its first occurrence.
 */
import { DAY } from "./clock.js";

/** Minutes after local midnight, 0 to 1439. */
export type ClockTime = number;

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay counts. */
export type Weekday = number;

/** When a chat's (or a subscription's) alerts go out: at once, or collected into a digest. */
export type Schedule =
  { every: "instant" } | { every: "day"; at: ClockTime } | { every: "week"; day: Weekday; at: ClockTime };

export type DigestSchedule = Exclude<Schedule, { every: "instant" }>;

/** Local hours during which instant alerts are held; `from` after `to` crosses midnight. */
export interface QuietHours {
  from: ClockTime;
  to: ClockTime;
}

export const DEFAULT_TIME_ZONE = "UTC";

interface LocalTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading in `timeZone` at instant `at`. */
export function localTime(at: number, timeZone: string): LocalTime {
  const fields: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(at)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

const asUtc = (t: LocalTime): number => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);

/** How far the zone's clocks are ahead of UTC at instant `at`, in ms (whole seconds). */
function offsetAt(at: number, timeZone: string): number {
  const whole = Math.floor(at / 1000) * 1000;
  return asUtc(localTime(whole, timeZone)) - whole;
}

/**
 * The instant a local date and time happen in `timeZone`: the first of two on a fall-back day,
 * the end of the jump (the first instant after it) when the clocks skip that time.
 */
export function instantOf(year: number, month: number, day: number, at: ClockTime, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, Math.floor(at / 60), at % 60);
  // One offset from before and one from after any change near that day: the time is one of these.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const candidates = [wall - before, wall - after]
    .filter((t) => asUtc(localTime(t, timeZone)) === wall)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];
  // Skipped: find when the offset changed, between the two readings.
  let low = Math.min(wall - before, wall - after);
  let high = Math.max(wall - before, wall - after);
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2000) * 1000;
    if (offsetAt(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  return high;
}

/** The local calendar date of `at`, moved by `days`. */
function localDate(at: number, timeZone: string, days: number): { year: number; month: number; day: number } {
  const t = localTime(at, timeZone);
  const date = new Date(Date.UTC(t.year, t.month - 1, t.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const weekdayOf = (d: { year: number; month: number; day: number }): Weekday =>
  new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();

/** The first instant strictly after `after` when a digest on this schedule goes out. */
export function nextDigestAt(schedule: DigestSchedule, timeZone: string, after: number): number {
  // Today's time may still be ahead; a week and a day covers every weekday and a skipped day.
  for (let days = 0; days <= 8; days += 1) {
    const date = localDate(after, timeZone, days);
    if (schedule.every === "week" && weekdayOf(date) !== schedule.day) continue;
    const at = instantOf(date.year, date.month, date.day, schedule.at, timeZone);
    if (at > after) return at;
  }
  throw new Error(`no digest time found after ${new Date(after).toISOString()} in ${timeZone}`);
}

/** Whether instant `at` falls within the quiet hours (from inclusive, to exclusive, local). */
export function inQuietHours(quiet: QuietHours, timeZone: string, at: number): boolean {
  const t = localTime(at, timeZone);
  const minute = t.hour * 60 + t.minute;
  return quiet.from < quiet.to ? minute >= quiet.from && minute < quiet.to : minute >= quiet.from || minute < quiet.to;
}

/** When quiet hours that hold instant `at` end: the next local `to` after it. */
export function quietHoursEnd(quiet: QuietHours, timeZone: string, at: number): number {
  return nextDigestAt({ every: "day", at: quiet.to }, timeZone, at);
}

/** Whether `name` is a time zone Intl knows; returns its canonical name ("us/eastern" → "America/New_York"). */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
