import { describe, expect, it } from "vitest";
import { decideAlerts, matchJobs } from "../../../src/core/decide-alerts.js";
import type { ChatId } from "../../../src/core/chat.js";
import type { Job } from "../../../src/core/job.js";
import type { JobMatcher } from "../../../src/core/query/matcher.js";
import type { ChatState, Subscription } from "../../../src/core/subscription.js";
import { makeJob, makeSubscription, T0 } from "../../fakes/builders.js";

const chat = (id: string, overrides: Partial<ChatState> = {}): [string, ChatState] => [
  id,
  { chat: id, cursor: 0, paused: false, ...overrides },
];
const everything = (subs: Subscription[]): JobMatcher => ({
  match: () => ({ count: subs.length, subscription: (i) => subs[i] as Subscription, words: () => ["rust"] }),
});

const decide = async (jobs: Job[], matcher: JobMatcher, chats: Map<ChatId, ChatState>) =>
  decideAlerts(await matchJobs(jobs, matcher), chats, T0);

describe("deciding alerts", () => {
  it("does not give a subscription a job first seen before it was made", async () => {
    const job = makeJob({ seq: 10 });
    const sub = makeSubscription({ chat: "telegram:1", sinceSeq: 10 });
    const decision = await decide([job], everything([sub]), new Map([chat("telegram:1")]));
    expect(decision.entries).toEqual([]);
  });

  it("does not repeat a job at or below the chat's cursor", async () => {
    const job = makeJob({ seq: 10 });
    const sub = makeSubscription({ chat: "telegram:1", sinceSeq: 0 });
    const decision = await decide([job], everything([sub]), new Map([chat("telegram:1", { cursor: 10 })]));
    expect(decision.entries).toEqual([]);
  });

  it("ignores paused chats and subscriptions of unknown chats", async () => {
    const job = makeJob({ seq: 10 });
    const subs = [makeSubscription({ chat: "telegram:1" }), makeSubscription({ chat: "telegram:2" })];
    const decision = await decide([job], everything(subs), new Map([chat("telegram:1", { paused: true })]));
    expect(decision.entries).toEqual([]);
  });

  it("counts every contributing subscription and orders a chat's jobs by seq", async () => {
    const jobs = [makeJob({ seq: 12 }), makeJob({ seq: 11 })];
    const subs = [makeSubscription({ id: "a", chat: "telegram:1" }), makeSubscription({ id: "b", chat: "telegram:1" })];
    const decision = await decide(jobs, everything(subs), new Map([chat("telegram:1")]));
    expect(decision.entries.map((e) => e.items.map((i) => i.jobId))).toEqual([[jobs[1]?.id], [jobs[0]?.id]]);
    expect(decision.matchCounts).toEqual({ a: 2, b: 2 });
  });

  it("works out the matched words only for the matches that become alerts", async () => {
    const job = makeJob({ seq: 10 });
    const subs = [
      makeSubscription({ id: "paused", chat: "telegram:1" }),
      makeSubscription({ id: "active", chat: "telegram:2" }),
    ];
    const explained: number[] = [];
    const matcher: JobMatcher = {
      match: () => ({
        count: 2,
        subscription: (i) => subs[i] as Subscription,
        words: (i) => (explained.push(i), [`word${i}`]),
      }),
    };
    const decision = await decide([job], matcher, new Map([chat("telegram:1", { paused: true }), chat("telegram:2")]));
    expect(explained).toEqual([1]);
    expect(decision.entries[0]?.items[0]?.matches[0]?.words).toEqual(["word1"]);
  });
});
