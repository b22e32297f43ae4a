import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { slackRates } from "../../../../src/adapters/slack/addressing.js";
import { responder } from "../../../../src/adapters/slack/replies.js";
import { rateLimiter } from "../../../../src/delivery/limiter.js";
import { manualTime } from "../../../fakes/manual-time.js";
import { recordingLogger } from "../../../fakes/recording-logger.js";

const CHAT = "slack:C0JOBS";
const MESSAGE = { text: "hi", blocks: [] };

/** A response_url that answers each request with the next status in `statuses` (then 200). */
async function responseUrl(statuses: number[]): Promise<{ url: string; bodies: unknown[]; server: Server }> {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += String(chunk)));
    request.on("end", () => {
      bodies.push(JSON.parse(body));
      const status = statuses.shift() ?? 200;
      response.writeHead(status, status === 429 ? { "retry-after": "2" } : {}).end(status === 200 ? "ok" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`, bodies, server };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe("Slack replies", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it("waits a 429's Retry-After on the channel's budget, then answers", async () => {
    const time = manualTime();
    const budget = rateLimiter(slackRates, { clock: time, timers: time });
    const target = await responseUrl([429]);
    server = target.server;
    const log = recordingLogger();
    let done = false;
    const sent = responder({ budget, clock: time, log })(CHAT, target.url, MESSAGE, "ephemeral").then(
      () => (done = true),
    );
    await until(() => target.bodies.length === 1 && log.at("warn").length === 1);
    await time.advance(1_999);
    expect(target.bodies).toHaveLength(1);
    await time.advance(1);
    await sent;
    expect(done).toBe(true);
    expect(target.bodies).toEqual([
      { response_type: "ephemeral", text: "hi", blocks: [] },
      { response_type: "ephemeral", text: "hi", blocks: [] },
    ]);
    expect(log.at("error")).toEqual([]);
  });

  it("logs an answer still refused after every try with its channel, and does not throw", async () => {
    const time = manualTime();
    const budget = rateLimiter(slackRates, { clock: time, timers: time });
    const target = await responseUrl([429, 429, 429]);
    server = target.server;
    const log = recordingLogger();
    const sent = responder({ budget, clock: time, log, tries: 3 })(CHAT, target.url, MESSAGE, "replace");
    for (let tries = 1; tries < 3; tries++) {
      await until(() => target.bodies.length === tries && log.at("warn").length === tries);
      await time.advance(2_000);
    }
    await sent;
    expect(target.bodies).toHaveLength(3);
    expect(target.bodies[0]).toMatchObject({ replace_original: true });
    expect(log.at("error")).toMatchObject([
      { fields: { chat: CHAT, attempt: 3 }, message: "reply not delivered: still rate limited after every try" },
    ]);
  });
});
