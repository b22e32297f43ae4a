/**
 * Schedules as people type and read them: "08:30", "monday", "22:00-07:00", "daily at 08:30".
 * Every refusal is a UserError that says what to write instead.
 */
import { UserError } from "./errors.js";
import { canonicalTimeZone, type ClockTime, type QuietHours, type Schedule, type Weekday } from "./schedule.js";

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

/** "08:30", "8:30" → minutes after midnight. */
export function parseClockTime(text: string): ClockTime {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59)
    throw new UserError(`"${text.trim().slice(0, 20)}" is not a time of day: write it as HH:MM, e.g. 08:30 or 18:00.`);
  return hours * 60 + minutes;
}

/** "monday", "Mon" → 1. */
export function parseWeekday(text: string): Weekday {
  const typed = text.trim().toLowerCase();
  const day = typed.length >= 3 ? WEEKDAYS.findIndex((name) => name.startsWith(typed)) : -1;
  if (day === -1)
    throw new UserError(`"${text.trim().slice(0, 20)}" is not a day of the week: write e.g. monday or fri.`);
  return day;
}

/** "22:00-07:00" (a dash or an en dash) → quiet hours, which may cross midnight. */
export function parseQuietHours(text: string): QuietHours {
  const [from, to, ...rest] = text.split(/\s*[-–]\s*/);
  if (from === undefined || to === undefined || rest.length > 0)
    throw new UserError("Write quiet hours as HH:MM-HH:MM, e.g. /quiet 22:00-07:00, or /quiet off.");
  const hours = { from: parseClockTime(from), to: parseClockTime(to) };
  if (hours.from === hours.to) throw new UserError("Quiet hours need an end different from their start.");
  return hours;
}

export const formatClockTime = (at: ClockTime): string =>
  `${String(Math.floor(at / 60)).padStart(2, "0")}:${String(at % 60).padStart(2, "0")}`;

const dayName = (day: Weekday): string => {
  const name = WEEKDAYS[day] ?? "sunday";
  return name[0]?.toUpperCase() + name.slice(1);
};

/** "instantly", "daily at 08:30", "weekly on Monday at 08:30". */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.every) {
    case "instant":
      return "instantly";
    case "day":
      return `daily at ${formatClockTime(schedule.at)}`;
    case "week":
      return `weekly on ${dayName(schedule.day)} at ${formatClockTime(schedule.at)}`;
  }
}

export const describeQuietHours = (quiet: QuietHours): string =>
  `${formatClockTime(quiet.from)}–${formatClockTime(quiet.to)}`;

/** Every zone name Intl knows, plus UTC (which it lists under no region). */
function zoneNames(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone")];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Farther than this, a name is no help: "+01:00" resembles no zone. */
const MAX_SUGGESTION_DISTANCE = 4;

const cityOf = (zone: string): string => (zone.split("/").at(-1) ?? zone).toLowerCase();

/**
 * Zones a person may have meant: those of the same city ("Berlin", "Mars/Berlin" → Europe/Berlin),
 * else the nearest names by edit distance, on the whole name and on the city.
 */
export function suggestTimeZones(typed: string, limit = 3): string[] {
  const wanted = typed.trim().toLowerCase().replace(/\s+/g, "_");
  if (wanted === "") return ["UTC", "Europe/Berlin", "America/New_York"].slice(0, limit);
  const names = zoneNames();
  const city = cityOf(wanted);
  const sameCity = names.filter((zone) => cityOf(zone) === city);
  if (sameCity.length > 0) return sameCity.slice(0, limit);
  const distance = (zone: string) =>
    Math.min(editDistance(wanted, zone.toLowerCase()), editDistance(city, cityOf(zone)));
  return names
    .map((zone) => ({ zone, d: distance(zone) }))
    .filter(({ d }) => d <= MAX_SUGGESTION_DISTANCE)
    .sort((a, b) => a.d - b.d || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map(({ zone }) => zone);
}

/** Zones whose name contains what was typed, for autocompletion ("berl" → Europe/Berlin). */
export function matchingTimeZones(typed: string, limit: number): string[] {
  const wanted = typed.trim().toLowerCase().replace(/\s+/g, "_");
  return zoneNames()
    .filter((zone) => zone.toLowerCase().includes(wanted))
    .slice(0, limit);
}

/** The canonical name of a typed zone, or a UserError with suggestions. */
export function parseTimeZone(typed: string): string {
  const name = typed.trim();
  // Intl also accepts offsets like "+01:00"; a chat's zone is a named one, which follows DST.
  const zone = /^[A-Za-z][\w+\-/]*$/.test(name) ? canonicalTimeZone(name) : undefined;
  if (zone) return zone;
  const suggestions = suggestTimeZones(name);
  throw new UserError(
    `"${name.slice(0, 40)}" is not a time zone I know. Write an IANA name like Europe/Berlin or America/New_York${suggestions.length > 0 ? `; did you mean ${suggestions.join(", ")}?` : "."}`,
  );
}
