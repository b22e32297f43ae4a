import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import { BOT_TOKEN, startFakeSlackApi, type FakeSlackApi, type Response } from "../fakes/fake-slack-api.js";
import { buttonBody, postToBot, SIGNING_SECRET, slashCommandBody } from "../fakes/slack-requests.js";
import { fixture } from "../fixtures.js";
import { cyclesDone, startBot, type BotProcess } from "./bot-process.js";

// The 2020 feed is the baseline (10up and Boatyard are "engineer" jobs already there); then the
// 2026 feed's five jobs appear, plus one whose title tries to ping the whole channel.
// "marketing" matches Ottimate, WEX and that posting; "engineer" matches Summedd (new) only.
const BASELINE = fixture("wwr-programming-2020.rss");
const NEW_ITEMS = fixture("wwr-remote-jobs-2026.rss").match(/<item>[\s\S]*<\/item>/)?.[0] ?? "";
const PING_URL = "https://weworkremotely.com/remote-jobs/pingco-channel-hiring";
const PING_ITEM = `<item>
  <title>Pingco: &lt;!channel&gt; hiring a marketing lead &lt;@U123&gt; &amp; more</title>
  <region>Anywhere in the World</region>
  <type>Full-Time</type>
  <description>&lt;p&gt;We are hiring a marketing lead.&lt;/p&gt;</description>
  <pubDate>Wed, 01 Apr 2026 10:00:00 +0000</pubDate>
  <guid>${PING_URL}</guid>
  <link>${PING_URL}</link>
</item>`;
const UPDATED = BASELINE.replace("</channel>", `${NEW_ITEMS}\n${PING_ITEM}\n</channel>`);
const MARKETING = [
  "https://weworkremotely.com/remote-jobs/ottimate-director-of-partner-marketing",
  "https://weworkremotely.com/remote-jobs/wex-product-marketing-manager-corporate-payments",
  PING_URL,
];
const SUMMEDD =
  "https://weworkremotely.com/remote-jobs/summedd-full-stack-engineer-with-ai-coding-expertise-for-saas-platform";

const MARKETING_CHANNEL = "C0MARKETING";
const ENGINEERING_CHANNEL = "C0ENGINEERS";
const ANNA = "U0ANNA";
const BEN = "U0BEN";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Block = { type: string; text?: { text: string }; accessory?: Button; elements?: Button[] };
type Button = { type: string; url?: string; value?: string; action_id: string; text: { text: string } };
const blocksOf = (m: { blocks?: unknown[] }) => (m.blocks ?? []) as Block[];
const buttonsOf = (m: { blocks?: unknown[] }): Button[] =>
  blocksOf(m).flatMap((b) =>
    [...(b.accessory ? [b.accessory] : []), ...(b.elements ?? [])].filter((e) => e.type === "button"),
  );
/** The job links among the buttons (Save, Hide and Mute company carry none). */
const linksOf = (m: { blocks?: unknown[] }): string[] => buttonsOf(m).flatMap((b) => (b.url ? [b.url] : []));
const textOf = (m: { text?: string; blocks?: unknown[] }): string =>
  [m.text ?? "", ...blocksOf(m).map((b) => b.text?.text ?? "")].join("\n");

describe("the bot on Slack, end to end", () => {
  let board: FakeBoard;
  let slack: FakeSlackApi;
  let dataDir: string;
  let bot: BotProcess;
  let eventsUrl: string;
  let requestCount = 0;

  /** Sends `/jobhound <text>` signed as Slack would and resolves with the bot's answer. */
  async function command(channel: string, user: string, text: string): Promise<Response> {
    const id = `cmd${++requestCount}`;
    const status = await postToBot(
      eventsUrl,
      slashCommandBody({ user, channel, text, responseUrl: slack.responseUrl(id) }),
    );
    expect(status).toBe(200);
    await slack.waitFor(`the answer to /jobhound ${text}`, () => slack.responsesTo(id).length > 0);
    return slack.responsesTo(id)[0] as Response;
  }

  beforeAll(async () => {
    board = await startFakeBoard();
    board.serve("/feed.rss", BASELINE);
    slack = await startFakeSlackApi();
    dataDir = await mkdtemp(join(tmpdir(), "jobhound-slack-e2e-"));
    const port = await freePort();
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    bot = startBot({
      DATA_DIR: dataDir,
      SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
      SCRAPE_SCHEDULE: "* * * * * *",
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_ROOT: slack.apiRoot,
      HTTP_PORT: String(port),
    });
    // Loading Bolt alone takes seconds on a busy machine.
    await bot.waitFor("Slack", () => bot.logs().some((l) => l.msg === "Slack ready"), 60_000);
    await bot.waitFor("the baseline cycle", () => cyclesDone(bot) >= 1, 30_000);
  }, 120_000);

  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await slack.close();
    await board.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("subscribes a channel from a signed slash command and lists its subscriptions", async () => {
    const subscribed = await command(MARKETING_CHANNEL, ANNA, "subscribe marketing");
    expect(subscribed.body.response_type).toBe("in_channel");
    expect(textOf(subscribed.body)).toContain("Subscribed *#1*");
    const engineers = await command(ENGINEERING_CHANNEL, BEN, "subscribe engineer");
    expect(textOf(engineers.body)).toContain("Subscribed");

    const listed = await command(MARKETING_CHANNEL, BEN, "subscriptions");
    expect(listed.body.response_type).toBe("ephemeral");
    expect(textOf(listed.body)).toContain("marketing");
    expect(textOf(listed.body)).not.toContain("engineer");

    const help = await command(MARKETING_CHANNEL, BEN, "");
    expect(textOf(help.body)).toContain("/jobhound subscribe");
    const unknown = await command(MARKETING_CHANNEL, BEN, "frobnicate");
    expect(textOf(unknown.body)).toContain('There is no "frobnicate"');
  });

  it("refuses a forged signature and a stale timestamp (401), changing nothing", async () => {
    const forged = slashCommandBody({
      user: ANNA,
      channel: MARKETING_CHANNEL,
      text: "unsubscribe all",
      responseUrl: slack.responseUrl("forged"),
    });
    expect(await postToBot(eventsUrl, forged, { secret: "not-the-signing-secret" })).toBe(401);
    const stale = forged.replace("forged", "stale");
    expect(await postToBot(eventsUrl, stale, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).toBe(401);

    const listed = await command(MARKETING_CHANNEL, ANNA, "subscriptions");
    expect(textOf(listed.body)).toContain("marketing");
    expect(slack.responsesTo("forged")).toEqual([]);
    expect(slack.responsesTo("stale")).toEqual([]);
  });

  it("announces only jobs new since the baseline, as Block Kit with the link as a button, escaped, 1 a second per channel", async () => {
    // Nothing is sent for jobs that were on the board at the first fetch, however many cycles run.
    const cycles = cyclesDone(bot);
    await bot.waitFor("two more cycles", () => cyclesDone(bot) >= cycles + 2);
    expect(slack.posted(MARKETING_CHANNEL)).toEqual([]);
    expect(slack.posted(ENGINEERING_CHANNEL)).toEqual([]);

    board.serve("/feed.rss", UPDATED);
    await slack.waitFor(
      "three marketing alerts and one engineering alert",
      () => slack.posted(MARKETING_CHANNEL).length >= 3 && slack.posted(ENGINEERING_CHANNEL).length >= 1,
      30_000,
    );
    const marketing = slack.posted(MARKETING_CHANNEL);
    expect(marketing.flatMap(linksOf).sort()).toEqual([...MARKETING].sort());
    expect(slack.posted(ENGINEERING_CHANNEL).flatMap(linksOf)).toEqual([SUMMEDD]);

    const ping = marketing.find((m) => buttonsOf(m).some((b) => b.url === PING_URL));
    const pingText = textOf(ping ?? {});
    expect(pingText).toContain("&lt;!channel&gt; hiring a marketing lead &lt;@U123&gt; &amp; more");
    expect(pingText).not.toMatch(/<!channel>|<@U123>/);

    // The fake answers 429 to a second message in a channel within a second: the bot never got one.
    expect(slack.rateLimited).toEqual([]);
    const times = marketing.map((m) => m.at);
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(1_000);
    expect(slack.violations).toEqual([]);
  }, 60_000);

  it("pages /jobhound latest with its Next button, a signed block_actions request", async () => {
    const first = await command(MARKETING_CHANNEL, BEN, "latest");
    expect(first.body.response_type).toBe("ephemeral");
    expect(textOf(first.body)).toContain("page 1 of 2");
    const next = buttonsOf(first.body).find((b) => b.action_id === "pager:next");
    expect(next?.value).toBeDefined();

    const status = await postToBot(
      eventsUrl,
      buttonBody({
        user: BEN,
        channel: MARKETING_CHANNEL,
        actionId: "pager:next",
        value: next?.value ?? "",
        responseUrl: slack.responseUrl("page2"),
      }),
    );
    expect(status).toBe(200);
    await slack.waitFor("the second page", () => slack.responsesTo("page2").length > 0);
    const second = slack.responsesTo("page2")[0] as Response;
    expect(second.body.replace_original).toBe(true);
    expect(textOf(second.body)).toContain("page 2 of 2");
    expect(buttonsOf(second.body).map((b) => b.action_id)).toContain("pager:previous");
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  });
});
