import { describe, expect, it } from "vitest";
import { defaultSettings, type CommandContext } from "../../../commands/command.js";
import { describeSource, sources } from "../../../commands/sources.js";
import { HOUR, MINUTE } from "../../../src/core/clock.js";
import { silentLogger } from "../../../src/core/logger.js";
import { initialSourceState, recordFailure, recordSuccess } from "../../../src/core/source-state.js";
import { renderReply } from "../../../src/adapters/console/render.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { T0 } from "../../fakes/builders.js";
import { fixedClock } from "../../fakes/clock.js";

// T0 is 2026-01-01 00:00 UTC; "now" is noon that day.
const NOW = T0 + 12 * HOUR;
const healthy = recordSuccess(initialSourceState("remoteok"), NOW - 3 * MINUTE, { jobsSeen: 97 });

describe("/sources, one line per source", () => {
  it("says a source was never fetched", () => {
    expect(describeSource(undefined, NOW)).toBe("not fetched yet");
  });

  it("shows a healthy source's last success and jobs seen", () => {
    expect(describeSource(healthy, NOW)).toBe("healthy; last success 3 min ago; 97 jobs seen");
  });

  it("says when a source with a long politeness floor is fetched next", () => {
    const remotive = recordSuccess(initialSourceState("remotive"), NOW - HOUR, {
      jobsSeen: 20,
      nextFetchAt: NOW + 5 * HOUR,
    });
    expect(describeSource(remotive, NOW)).toBe("healthy; last success 1 h ago; next fetch in 5 h; 20 jobs seen");
  });

  it("shows a source backing off after a failure, until when, and why", () => {
    const once = recordFailure(healthy, NOW - MINUTE, "HTTP 503 from remoteok.com", NOW + 25 * MINUTE);
    expect(describeSource(once, NOW)).toBe(
      "backing off until 12:25 UTC (in 25 min) after 1 failed fetch; last success 3 min ago; 97 jobs seen; last failure: HTTP 503 from remoteok.com",
    );
  });

  it("shows a source failing since its first failure after three in a row", () => {
    let state = recordSuccess(initialSourceState("remoteok"), NOW - 3 * HOUR, { jobsSeen: 97 });
    for (const at of [NOW - 2 * HOUR, NOW - HOUR, NOW - MINUTE])
      state = recordFailure(state, at, "not JSON: got a Cloudflare challenge page", at + 2 * HOUR);
    expect(describeSource(state, NOW)).toBe(
      "failing since 10:00 UTC (2 h), backing off until 13:59 UTC (in 2 h); last success 3 h ago; 97 jobs seen; last failure: not JSON: got a Cloudflare challenge page",
    );
  });

  it("cuts a long failure reason to a few words", () => {
    const state = recordFailure(healthy, NOW, `network error: ${"x".repeat(300)}`, NOW + MINUTE);
    expect(describeSource(state, NOW)).toMatch(/last failure: network error: x+…$/);
    expect(describeSource(state, NOW).split("last failure: ")[1]?.length).toBeLessThanOrEqual(90);
  });

  it("dates a backoff that ends on another day", () => {
    const state = recordFailure(healthy, NOW, "timed out", NOW + 13 * HOUR);
    expect(describeSource(state, NOW)).toMatch(/^backing off until 2 Jan 01:00 UTC \(in 13 h\)/);
  });
});

describe("the /sources command", () => {
  it("lists every configured source, fetched or not, with its label", async () => {
    const store = memoryStore();
    await store.commitCycle({
      newJobs: [],
      updatedJobs: [],
      sourceStates: [healthy],
      outbox: [],
      cursor: 0,
      matchCounts: {},
    });
    const context: CommandContext = {
      chat: "console:local",
      user: "local",
      args: "",
      page: 0,
      store,
      clock: fixedClock(NOW),
      log: silentLogger,
      sources: [
        { id: "remoteok", label: "Remote OK" },
        { id: "hackernews", label: "Hacker News · Who is hiring?" },
      ],
      settings: defaultSettings,
    };
    expect(renderReply(await sources.run(context), NOW)).toBe(
      "Watching 2 sources:\n  • Remote OK — healthy; last success 3 min ago; 97 jobs seen\n  • Hacker News · Who is hiring? — not fetched yet",
    );
  });
});
