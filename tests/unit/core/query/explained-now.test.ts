import { describe, expect, it } from "vitest";
import { explainedNow, type JobMatches } from "../../../../src/core/query/matcher.js";
import { makeSubscription } from "../../../fakes/builders.js";

describe("matches explained now", () => {
  it("answers the same subscriptions and words, asking the matcher for each once, up front", () => {
    const subscriptions = [makeSubscription({ query: "rust" }), makeSubscription({ query: "go" })];
    const asked: string[] = [];
    const lazy: JobMatches = {
      count: 2,
      subscription: (i) => (asked.push(`subscription ${i}`), subscriptions[i] as (typeof subscriptions)[number]),
      words: (i) => (asked.push(`words ${i}`), [`word${i}`]),
    };
    const now = explainedNow(lazy);
    expect(asked.sort()).toEqual(["subscription 0", "subscription 1", "words 0", "words 1"]);
    expect([now.count, now.subscription(1), now.words(0), now.words(1)]).toEqual([
      2,
      subscriptions[1],
      ["word0"],
      ["word1"],
    ]);
    expect(asked).toHaveLength(4);
  });
});
