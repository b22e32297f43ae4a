import { describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../../src/core/alert.js";
import { HOUR, MINUTE } from "../../../src/core/clock.js";
import { nextDigestAt, quietHoursEnd } from "../../../src/core/schedule.js";
import { chatTiming, planChat, releaseOf, splitBySchedule } from "../../../src/core/schedule-release.js";
import type { ChatState } from "../../../src/core/subscription.js";
import { makeOutboxEntry, makeSubscription } from "../../fakes/builders.js";

const CHAT = "telegram:42";
const BERLIN_DST_START = Date.parse("2026-03-29T01:00:00Z");
const state = (overrides: Partial<ChatState>): ChatState => ({ chat: CHAT, cursor: 0, paused: false, ...overrides });
const entryAt = (at: number, subscriptionId = "1"): OutboxEntry => ({
  ...makeOutboxEntry({ chat: CHAT, createdAt: at, nextAttemptAt: at }),
  items: [{ jobId: `job@${at}`, matches: [{ subscriptionId, query: "q", words: [] }] }],
});

describe("when a queued alert goes out", () => {
  it("releases each collected alert at the first digest time after it was decided, across a DST change", () => {
    const digest = { every: "day", at: 2 * 60 + 30 } as const;
    const timing = chatTiming(state({ timeZone: "Europe/Berlin", digest }), []);
    // Every 37 minutes over three days around Berlin's spring-forward night.
    for (let at = BERLIN_DST_START - 36 * HOUR; at < BERLIN_DST_START + 36 * HOUR; at += 37 * MINUTE) {
      expect(releaseOf(entryAt(at), timing)).toEqual({
        at: nextDigestAt(digest, "Europe/Berlin", at),
        heldFor: "digest",
      });
    }
  });

  it("holds an instant alert until quiet hours end, across midnight, and leaves others alone", () => {
    const quietHours = { from: 22 * 60, to: 7 * 60 };
    const timing = chatTiming(state({ timeZone: "America/New_York", quietHours }), []);
    const night = Date.parse("2026-11-01T04:00:00Z"); // midnight, the night New York falls back
    expect(releaseOf(entryAt(night), timing)).toEqual({
      at: quietHoursEnd(quietHours, "America/New_York", night),
      heldFor: "quiet",
    });
    const noon = Date.parse("2026-11-01T17:00:00Z");
    expect(releaseOf(entryAt(noon), timing)).toEqual({ at: noon });
  });

  it("follows a subscription's own schedule before the chat's, and an instant one before any digest", () => {
    const t0 = Date.parse("2026-01-05T10:00:00Z"); // a Monday
    const subs = [
      makeSubscription({ id: "1", chat: CHAT }),
      makeSubscription({ id: "2", chat: CHAT, schedule: { every: "week", day: 5, at: 17 * 60 } }),
      makeSubscription({ id: "3", chat: CHAT, schedule: { every: "instant" } }),
    ];
    const timing = chatTiming(state({ digest: { every: "day", at: 8 * 60 } }), subs);
    expect(releaseOf(entryAt(t0, "1"), timing).at).toBe(Date.parse("2026-01-06T08:00:00Z"));
    expect(releaseOf(entryAt(t0, "2"), timing).at).toBe(Date.parse("2026-01-09T17:00:00Z"));
    expect(releaseOf(entryAt(t0, "3"), timing)).toEqual({ at: t0 });
    const both: OutboxEntry = {
      ...entryAt(t0),
      items: [{ jobId: "x", matches: ["2", "1"].map((subscriptionId) => ({ subscriptionId, query: "q", words: [] })) }],
    };
    expect(releaseOf(both, timing).at).toBe(Date.parse("2026-01-06T08:00:00Z"));
  });

  it("plans a chat: released digests together, instant alerts apart, and the next time to look", () => {
    const t0 = Date.parse("2026-01-05T10:00:00Z");
    const subs = [makeSubscription({ id: "2", chat: CHAT, schedule: { every: "day", at: 11 * 60 } })];
    const timing = chatTiming(state({}), subs);
    const [instant, collected] = [entryAt(t0, "1"), entryAt(t0, "2")];
    expect(planChat([collected, instant], timing, t0)).toEqual({ released: [], instant: [instant], nextAt: t0 });
    const later = t0 + HOUR;
    expect(planChat([collected], chatTiming(state({}), subs), later)).toEqual({
      released: [collected],
      releasedFor: "digest",
      instant: [],
      nextAt: later,
    });
  });
});

describe("splitting alerts decided together", () => {
  const subs = [
    makeSubscription({ id: "1", chat: CHAT }),
    makeSubscription({ id: "2", chat: CHAT, schedule: { every: "day", at: 60 } }),
  ];
  const grouped: OutboxEntry = {
    ...makeOutboxEntry({ chat: CHAT }),
    id: `${CHAT}#a`,
    items: ["a", "b", "c"].map((jobId, i) => ({
      jobId,
      matches: [{ subscriptionId: i === 1 ? "2" : "1", query: "q", words: [] }],
    })),
  };

  it("splits a grouped alert whose jobs follow different schedules, each part with a unique id", () => {
    const split = splitBySchedule([grouped], subs);
    expect(split.map((e) => [e.id, e.items.map((i) => i.jobId)])).toEqual([
      [`${CHAT}#a`, ["a", "c"]],
      [`${CHAT}#b`, ["b"]],
    ]);
  });

  it("leaves alerts alone when no subscription has a schedule of its own", () => {
    expect(splitBySchedule([grouped], [makeSubscription({ id: "1" })])).toEqual([grouped]);
  });
});
