import { setImmediate as tick } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { explainedNow, type JobMatches } from "../../../../src/core/query/matcher.js";
import { makeSubscription } from "../../../fakes/builders.js";
import { collector } from "../../../fakes/collector.js";

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

  it("lets the lazy matches, and the job's document they hold, go", async () => {
    const gc = collector();
    const subscription = makeSubscription({ query: "rust" });
    const made = (() => {
      const doc = { text: "a job's document" };
      const lazy: JobMatches = { count: 1, subscription: () => subscription, words: () => [doc.text] };
      return { now: explainedNow(lazy), gone: new WeakRef(lazy) };
    })();
    // Not deref() between collections: it keeps its target alive until the turn ends.
    for (let i = 0; i < 3; i++) {
      await tick();
      gc();
    }
    expect(made.gone.deref()).toBeUndefined();
    expect(made.now.words(0)).toEqual(["a job's document"]);
  });
});
