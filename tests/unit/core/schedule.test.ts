import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  inQuietHours,
  nextDigestAt,
  quietHoursEnd,
  type DigestSchedule,
} from "../../../src/core/schedule.js";

const utc = (iso: string): number => Date.parse(iso);
const iso = (at: number): string => new Date(at).toISOString();
const daily = (hh: number, mm = 0): DigestSchedule => ({ every: "day", at: hh * 60 + mm });

describe("the next digest time", () => {
  it.each([
    // [zone, schedule, after (UTC), expected (UTC), what]
    ["UTC", daily(8, 30), "2026-06-01T08:29:00Z", "2026-06-01T08:30:00.000Z", "later today"],
    ["UTC", daily(8, 30), "2026-06-01T08:30:00Z", "2026-06-02T08:30:00.000Z", "strictly after: tomorrow"],
    ["Europe/Berlin", daily(8, 30), "2026-01-10T12:00:00Z", "2026-01-11T07:30:00.000Z", "winter, UTC+1"],
    ["Europe/Berlin", daily(8, 30), "2026-07-10T12:00:00Z", "2026-07-11T06:30:00.000Z", "summer, UTC+2"],
    // Berlin springs forward on 29 March 2026 at 02:00 → 03:00: 02:30 does not exist, it goes out at 03:00.
    ["Europe/Berlin", daily(2, 30), "2026-03-28T12:00:00Z", "2026-03-29T01:00:00.000Z", "spring-forward gap"],
    ["Europe/Berlin", daily(2, 30), "2026-03-29T01:00:00Z", "2026-03-30T00:30:00.000Z", "the day after the gap"],
    // Berlin falls back on 25 October 2026 at 03:00 → 02:00: 02:30 happens twice, the digest once.
    ["Europe/Berlin", daily(2, 30), "2026-10-24T12:00:00Z", "2026-10-25T00:30:00.000Z", "fall-back: the first 02:30"],
    ["Europe/Berlin", daily(2, 30), "2026-10-25T00:30:00Z", "2026-10-26T01:30:00.000Z", "not the second 02:30"],
    // New York springs forward on 8 March 2026 at 02:00 → 03:00 and falls back on 1 November at 02:00 → 01:00.
    ["America/New_York", daily(2, 30), "2026-03-07T12:00:00Z", "2026-03-08T07:00:00.000Z", "spring-forward gap"],
    ["America/New_York", daily(1, 30), "2026-10-31T12:00:00Z", "2026-11-01T05:30:00.000Z", "fall-back: the first"],
    ["America/New_York", daily(1, 30), "2026-11-01T05:30:00Z", "2026-11-02T06:30:00.000Z", "not the second 01:30"],
    ["America/New_York", daily(23, 0), "2026-11-01T05:00:00Z", "2026-11-02T04:00:00.000Z", "evening after fall-back"],
  ])("%s %o after %s is %s (%s)", (zone, schedule, after, expected) => {
    expect(iso(nextDigestAt(schedule, zone, utc(after)))).toBe(expected);
  });

  it("finds the weekday: Monday 08:30 in Berlin, from a Monday afternoon, is next Monday", () => {
    const monday: DigestSchedule = { every: "week", day: 1, at: 8 * 60 + 30 };
    // 2026-03-23 is a Monday; the next Monday (30 March) is after the spring-forward change.
    expect(iso(nextDigestAt(monday, "Europe/Berlin", utc("2026-03-23T12:00:00Z")))).toBe("2026-03-30T06:30:00.000Z");
    expect(iso(nextDigestAt(monday, "Europe/Berlin", utc("2026-03-22T12:00:00Z")))).toBe("2026-03-23T07:30:00.000Z");
  });

  it.each(["Europe/Berlin", "America/New_York"])(
    "a daily 02:30 digest in %s goes out exactly once on every local day of a year",
    (zone) => {
      let at = utc("2026-01-01T00:00:00Z");
      const days = new Set<string>();
      for (let i = 0; i < 365; i += 1) {
        at = nextDigestAt(daily(2, 30), zone, at);
        days.add(new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(at));
      }
      expect(days.size).toBe(365);
    },
  );
});

describe("quiet hours", () => {
  const night = { from: 22 * 60, to: 7 * 60 };

  it.each([
    ["2026-01-10T20:59:00Z", false], // 21:59 Berlin
    ["2026-01-10T21:00:00Z", true], // 22:00
    ["2026-01-10T23:30:00Z", true], // 00:30, across midnight
    ["2026-01-11T05:59:00Z", true], // 06:59
    ["2026-01-11T06:00:00Z", false], // 07:00
  ])("22:00-07:00 in Berlin at %s: quiet = %s", (at, quiet) => {
    expect(inQuietHours(night, "Europe/Berlin", utc(at))).toBe(quiet);
  });

  it("holds within the same day when they do not cross midnight", () => {
    const lunch = { from: 12 * 60, to: 13 * 60 };
    expect(inQuietHours(lunch, "UTC", utc("2026-01-10T12:30:00Z"))).toBe(true);
    expect(inQuietHours(lunch, "UTC", utc("2026-01-10T13:00:00Z"))).toBe(false);
    expect(inQuietHours(lunch, "UTC", utc("2026-01-10T11:00:00Z"))).toBe(false);
  });

  it("end at the next local end time, across midnight and across a clock change", () => {
    expect(iso(quietHoursEnd(night, "Europe/Berlin", utc("2026-01-10T23:30:00Z")))).toBe("2026-01-11T06:00:00.000Z");
    // The night of Berlin's spring-forward: 07:00 is already summer time (UTC+2).
    expect(iso(quietHoursEnd(night, "Europe/Berlin", utc("2026-03-28T22:00:00Z")))).toBe("2026-03-29T05:00:00.000Z");
    // Quiet until 02:30 on that night ends when the clocks jump to 03:00.
    const early = { from: 60, to: 2 * 60 + 30 };
    expect(iso(quietHoursEnd(early, "Europe/Berlin", utc("2026-03-29T00:30:00Z")))).toBe("2026-03-29T01:00:00.000Z");
  });
});

describe("time zone names", () => {
  it.each([
    ["Europe/Berlin", "Europe/Berlin"],
    ["europe/berlin", "Europe/Berlin"],
    ["UTC", "UTC"],
    ["US/Eastern", "America/New_York"],
  ])("%s is %s", (name, canonical) => {
    expect(canonicalTimeZone(name)).toBe(canonical);
  });

  it.each(["Mars/Base", "", "Berlin", "../etc/passwd"])("%j is not a time zone", (name) => {
    expect(canonicalTimeZone(name)).toBeUndefined();
  });
});
