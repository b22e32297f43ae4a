import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import { APP_TOKEN, BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api.js";
import { visibleText } from "../fakes/slack-blocks.js";
import { fixture } from "../fixtures.js";
import { startBot, type BotProcess } from "./bot-process.js";

// Socket Mode against the fake's WebSocket: the real Slack's handshake is only imitated (hello,
// envelopes, acks by envelope id), so this checks the wiring, not Slack itself.
describe("the bot on Slack in Socket Mode", () => {
  let board: FakeBoard;
  let slack: FakeSlackApi;
  let dataDir: string;
  let bot: BotProcess;

  beforeAll(async () => {
    board = await startFakeBoard();
    board.serve("/feed.rss", fixture("wwr-programming-2020.rss"));
    slack = await startFakeSlackApi();
    dataDir = await mkdtemp(join(tmpdir(), "jobhound-slack-socket-"));
  });

  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await slack.close();
    await board.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("connects with the app-level token, needs no HTTP_PORT, acknowledges a slash command and answers it", async () => {
    bot = startBot({
      DATA_DIR: dataDir,
      SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_ROOT: slack.apiRoot,
    });
    // Loading Bolt alone takes seconds on a busy machine.
    await bot.waitFor("the Socket Mode connection", () => slack.sockets() > 0, 60_000);
    await bot.waitFor("Slack", () => bot.logs().some((l) => l.msg === "Slack ready"));

    const id = slack.envelope("slash_commands", {
      team_id: "T0001",
      channel_id: "C0SOCKET",
      user_id: "U0ANNA",
      command: "/jobhound",
      text: "subscribe rust",
      response_url: slack.responseUrl("socket"),
      trigger_id: "1.2.3",
      api_app_id: "A0001",
    });
    await slack.waitFor("the ack", () => slack.acks.some((a) => a.envelope_id === id));
    await slack.waitFor("the answer", () => slack.responsesTo("socket").length > 0);
    const [answer] = slack.responsesTo("socket");
    expect(answer?.body.response_type).toBe("in_channel");
    expect(visibleText({ blocks: answer?.body.blocks ?? [] })).toContain("Subscribed *#1*");
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  }, 120_000);
});
