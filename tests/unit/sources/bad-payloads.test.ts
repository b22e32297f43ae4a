/**
 * What the issue asks of every source: a payload that is not what was asked for fails that source
 * for that cycle with a clear reason, and never empties the store or makes known jobs new again.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import { silentLogger } from "../../../src/core/logger.js";
import { naiveMatcher } from "../../../src/core/query/matcher.js";
import { createHttpClient } from "../../../src/sources/http.js";
import { remoteOkSource } from "../../../src/sources/remoteok.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { fixedClock } from "../../fakes/clock.js";
import { fixture } from "../../fixtures.js";

// The legal notice and the first ten postings: enough to be a board, small enough to be quick.
const GOOD = JSON.stringify((JSON.parse(fixture("remoteok-api-2024.json")) as unknown[]).slice(0, 11));
const CLOUDFLARE = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script></body></html>`;
const GARBAGE_10_MB = "\u0000garbage".repeat((10 * 1024 * 1024) / 8);

describe("bad payloads, served by a board on 127.0.0.1", () => {
  let server: Server;
  let body = GOOD;
  let url = "";

  beforeAll(async () => {
    server = createServer((_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end(body),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    [
      "an HTML page where JSON was expected",
      "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
      "not JSON: got an HTML page",
    ],
    ["truncated JSON", GOOD.slice(0, GOOD.length / 2), "truncated JSON (the response ended early)"],
    ["an empty body", "", "not JSON: empty response"],
    ["an empty job list", "[]", "the board listed no jobs at all"],
    ["a 200 with a Cloudflare challenge page", CLOUDFLARE, "not JSON: got a Cloudflare challenge page"],
    ["10 MB of garbage", GARBAGE_10_MB, "response over 5 MB from 127.0.0.1"],
  ])("%s fails the source with a clear reason, keeps every job, and makes none new", async (_, bad, reason) => {
    const store = memoryStore();
    const clock = fixedClock();
    const cycle = alertCycle({
      store,
      sources: [remoteOkSource({ url, http: createHttpClient({}), minIntervalMs: 0 })],
      createMatcher: naiveMatcher,
      clock,
      log: silentLogger,
      random: () => 0,
    });
    body = GOOD;
    await cycle.run();
    await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "engineer", createdAt: clock.now() });
    const known = (await store.recentJobs()).length;
    expect(known).toBe(10);

    body = bad;
    clock.advance(60_000);
    const report = await cycle.run();
    expect(report.failed).toEqual([{ source: expect.stringMatching(/^remoteok:127\.0\.0\.1:\d+\/api$/), reason }]);
    expect((await store.sourceStates())[0]).toMatchObject({ consecutiveFailures: 1, lastError: reason });
    expect((await store.recentJobs()).length).toBe(known);

    body = GOOD;
    clock.advance(60 * 60_000);
    expect(await cycle.run()).toMatchObject({ fetched: 1, newJobs: 0, alerts: 0 });
    expect(await store.pendingAlerts()).toEqual([]);
  });
});
