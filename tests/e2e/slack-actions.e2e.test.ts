import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import {
  BOT_TOKEN,
  startFakeSlackApi,
  type FakeSlackApi,
  type PostedMessage,
  type Response,
} from "../fakes/fake-slack-api.js";
import { freePort } from "../fakes/free-port.js";
import { buttonBody, postToBot, SIGNING_SECRET, slashCommandBody } from "../fakes/slack-requests.js";
import { visibleText } from "../fakes/slack-blocks.js";
import { FEEDS } from "./action-feeds.js";
import { cyclesDone, startBot, type BotProcess } from "./bot-process.js";

// Anna is a workspace admin; with SLACK_ADMINS_ONLY only she may change the channel's alerts.
const MARKETING = "C0MARKETING";
const ENGINEERING = "C0ENGINEERS";
const ANNA = "U0ANNA";
const BEN = "U0BEN";
// The fake's conversations.open names a person's DM with the bot "D" + their id.
const BEN_DM = `D${BEN}`;

type Button = { action_id: string; value?: string; text: { text: string } };
type Block = { type: string; block_id?: string; elements?: Button[] };

describe("the buttons under Slack alerts, end to end", () => {
  let board: FakeBoard;
  let slack: FakeSlackApi;
  let dataDir: string;
  let bot: BotProcess;
  let eventsUrl: string;
  let requests = 0;

  /** Sends `/jobhound <text>` signed as Slack would and resolves with the bot's answer. */
  async function command(channel: string, user: string, text: string): Promise<Response> {
    const id = `cmd${++requests}`;
    const body = slashCommandBody({ user, channel, text, responseUrl: slack.responseUrl(id) });
    expect(await postToBot(eventsUrl, body)).toBe(200);
    await slack.waitFor(`the answer to /jobhound ${text}`, () => slack.responsesTo(id).length > 0);
    return slack.responsesTo(id)[0] as Response;
  }

  /** Taps the button `label` of `alert` as `user` in `channel`; resolves with the `count` answers. */
  async function tap(alert: PostedMessage, label: string, user: string, channel: string, count = 1) {
    const block = (alert.blocks as Block[]).find((b) => b.type === "actions");
    const button = block?.elements?.find((e) => e.text.text === label);
    if (!block?.block_id || !button?.value) throw new Error(`no ${label} button`);
    const id = `tap${++requests}`;
    const body = buttonBody({
      user,
      channel,
      actionId: button.action_id,
      value: button.value,
      blockId: block.block_id,
      responseUrl: slack.responseUrl(id),
      message: { text: alert.text, blocks: alert.blocks },
    });
    expect(await postToBot(eventsUrl, body)).toBe(200);
    await slack.waitFor(`${count} answers to ${label}`, () => slack.responsesTo(id).length >= count);
    return slack.responsesTo(id);
  }

  const textOf = (response: Response | undefined) => visibleText({ blocks: response?.body.blocks ?? [] });
  const alertAbout = (channel: string, title: string) => slack.posted(channel).find((m) => m.text.includes(title));

  beforeAll(async () => {
    board = await startFakeBoard();
    board.serve("/feed.rss", FEEDS.baseline);
    slack = await startFakeSlackApi();
    slack.makeAdmin(ANNA);
    dataDir = await mkdtemp(join(tmpdir(), "jobhound-slack-actions-e2e-"));
    const port = await freePort();
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    bot = startBot({
      DATA_DIR: dataDir,
      SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
      SCRAPE_SCHEDULE: "* * * * * *",
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_ROOT: slack.apiRoot,
      SLACK_ADMINS_ONLY: "true",
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

  it("saves for the tapper, refuses a foreign payload and a non-admin's Hide, and a mute keeps the company out", async () => {
    expect((await command(MARKETING, ANNA, "subscribe marketing")).body.response_type).toBe("in_channel");
    expect(textOf(await command(BEN_DM, BEN, "subscribe marketing"))).toContain("Subscribed");
    board.serve("/feed.rss", FEEDS.first);
    await slack.waitFor("two alerts in the channel and two in Ben's DM", () =>
      [MARKETING, BEN_DM].every((channel) => slack.posted(channel).length >= 2),
    );
    const acme = alertAbout(MARKETING, "Marketing lead — Acme");
    if (!acme) throw new Error("no Acme alert in the channel");

    // Ben saves Acme's job from the channel: kept for him, listed by /jobhound saved in his DM.
    const saved = await tap(acme, "Save", BEN, MARKETING);
    expect(saved.map((r) => r.body.response_type)).toEqual(["ephemeral"]);
    expect(textOf(saved[0])).toContain("Saved ✓");
    const list = await command(BEN_DM, BEN, "saved");
    expect(textOf(list)).toContain("Marketing lead — Acme");

    // The channel's Mute button pressed in another channel: refused, nothing muted there.
    const foreign = await tap(acme, "Mute company", ANNA, ENGINEERING);
    expect(textOf(foreign[0])).toContain("another chat; nothing changed");
    expect(textOf(await command(ENGINEERING, ANNA, "muted"))).not.toContain("Acme");

    // Ben is no workspace admin: Hide in the channel is refused.
    const hidden = await tap(acme, "Hide", BEN, MARKETING);
    expect(hidden.map((r) => r.body.replace_original)).toEqual([undefined]);
    expect(textOf(hidden[0])).toContain("Only the group's admins");

    // Anna mutes Acme: the alert says so and loses its buttons, and she alone is told.
    const muted = await tap(acme, "Mute company", ANNA, MARKETING, 2);
    expect(muted[0]?.body.replace_original).toBe(true);
    expect(textOf(muted[0])).toContain("Acme muted ✓");
    expect((muted[0]?.body.blocks as Block[]).some((b) => b.type === "actions")).toBe(false);
    expect(muted[1]?.body.response_type).toBe("ephemeral");

    // Acme's next job reaches Ben's DM, which did not mute it, but not the channel.
    board.serve("/feed.rss", FEEDS.second);
    await slack.waitFor("the second round in Ben's DM and Initech's job in the channel", () =>
      Boolean(
        alertAbout(BEN_DM, "Marketing director — Acme") &&
        alertAbout(BEN_DM, "Marketing associate — Initech") &&
        alertAbout(MARKETING, "Marketing associate — Initech"),
      ),
    );
    const cycles = cyclesDone(bot);
    await bot.waitFor("two more cycles", () => cyclesDone(bot) >= cycles + 2);
    expect(alertAbout(MARKETING, "Marketing director — Acme")).toBeUndefined();
    expect(slack.violations).toEqual([]);
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  }, 90_000);
});
