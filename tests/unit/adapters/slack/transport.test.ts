import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertActionCodec } from "../../../../src/core/alert-action-payload.js";
import { slackTransport } from "../../../../src/adapters/slack/transport.js";
import type { Alert } from "../../../../src/core/alert.js";
import { DeliveryError } from "../../../../src/delivery/transport.js";
import { makeJob } from "../../../fakes/builders.js";
import { fixedClock } from "../../../fakes/clock.js";
import { BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from "../../../fakes/fake-slack-api.js";

const codec = alertActionCodec("a secret of the tests' own");
const job = makeJob({ title: "Rust engineer <!here>" });
const alertTo = (channel: string): Alert => ({
  chat: `slack:${channel}`,
  items: [
    {
      job,
      matches: [{ subscriptionId: "1", query: "rust", words: ["rust"] }],
    },
  ],
});

describe("Slack alerts through the Web API", () => {
  let slack: FakeSlackApi;
  let transport: ReturnType<typeof slackTransport>;
  beforeAll(async () => {
    slack = await startFakeSlackApi();
    const client = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: slack.apiRoot,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    transport = slackTransport(client, fixedClock(), codec);
  });
  afterAll(() => slack.close());

  const failureOf = (alert: Alert) =>
    transport.send(alert).then(
      () => undefined,
      (error: unknown) => error,
    );

  it("posts Block Kit with the job's link as a button and the mention escaped", async () => {
    await transport.send(alertTo("C0OK"));
    const [message] = slack.posted("C0OK");
    expect(message?.text).toContain("Rust engineer &lt;!here&gt;");
    expect(JSON.stringify(message?.blocks)).toContain('"url":"https://jobs.example.com/jobs/');
    expect(slack.violations).toEqual([]);
  });

  it("signs each job's Save, Hide and Mute company buttons for the channel the alert goes to", async () => {
    await transport.send(alertTo("C0SIGNED"));
    const [message] = slack.posted("C0SIGNED");
    const actions = (message?.blocks as { type: string; elements?: { value?: string }[] }[]).find(
      (b) => b.type === "actions",
    );
    const values = (actions?.elements ?? []).map((e) => e.value ?? "");
    expect(values).toHaveLength(3);
    for (const value of values) expect(codec.decode("slack:C0SIGNED", value)).toMatchObject({ ok: true, seq: job.seq });
    expect(codec.decode("slack:C0OTHER", values[0] ?? "")).toEqual({ ok: false, reason: "foreign" });
  });

  it("reports a 429 as rate-limited with Slack's Retry-After, not waiting inside the client", async () => {
    await transport.send(alertTo("C0BUSY"));
    const failure = await failureOf(alertTo("C0BUSY"));
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ kind: "rate-limited", retryAfterMs: 1_000 });
    expect(slack.rateLimited).toHaveLength(1);
  });

  it("reports a channel that is gone or closed to the bot as permanent, anything else as transient", async () => {
    for (const error of ["channel_not_found", "not_in_channel", "is_archived", "account_inactive"]) {
      slack.refuse(`C0${error.toUpperCase().replace(/_/g, "")}`, error);
      expect(await failureOf(alertTo(`C0${error.toUpperCase().replace(/_/g, "")}`))).toMatchObject({
        kind: "permanent",
        message: error,
      });
    }
    slack.refuse("C0FATAL", "fatal_error");
    expect(await failureOf(alertTo("C0FATAL"))).toMatchObject({ kind: "transient" });
  });
});
