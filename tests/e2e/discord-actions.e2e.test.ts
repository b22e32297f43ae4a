import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonPress, CHANNEL_MANAGER, MEMBER, slashCommand, type Where } from "../fakes/discord-payloads.js";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import {
  CHANNEL_ID,
  GUILD_ID,
  startFakeDiscord,
  type FakeDiscord,
  type RecordedRequest,
} from "../fakes/fake-discord.js";
import { FEEDS } from "./action-feeds.js";
import { cyclesDone, startBot, type BotProcess } from "./bot-process.js";

const ADMIN = "400000000000000001";
const MEMBER_USER = "400000000000000002";
const DM_USER = "400000000000000003";
const asManager: Where = { user: ADMIN, guild: { memberPermissions: CHANNEL_MANAGER } };
const asMember: Where = { user: MEMBER_USER, guild: { memberPermissions: MEMBER } };

type Button = { custom_id?: string; label?: string; url?: string };
type Message = {
  id: string;
  content?: string;
  embeds?: { title?: string; author?: { name: string } }[];
  components?: { components: Button[] }[];
};
type Callback = { type?: number; data?: { flags?: number; content?: string; components?: unknown[] } };

describe("the buttons under Discord alerts, end to end", () => {
  let board: FakeBoard;
  let discord: FakeDiscord;
  let dataDir: string;
  let bot: BotProcess;

  /** Sends an interaction and resolves with the requests that answered it, once there are `count`. */
  async function run(payload: Record<string, unknown>, count = 1): Promise<RecordedRequest[]> {
    const token = discord.interact(payload);
    return discord.waitFor(`${count} answers to ${JSON.stringify(payload.data)}`, () => {
      const answers = discord.answersTo(token);
      return answers.length >= count ? answers : undefined;
    });
  }
  const callbackOf = (answers: RecordedRequest[]) => answers[0]?.body as Callback;
  const alertAbout = (channel: string, title: string, company: string) =>
    (discord.currentMessagesIn(channel) as Message[]).find(
      (m) => m.embeds?.[0]?.title === title && m.embeds[0].author?.name === company,
    );
  const buttonOf = (message: Message, label: string): string => {
    const id = message.components?.flatMap((row) => row.components).find((b) => b.label === label)?.custom_id;
    if (!id) throw new Error(`no ${label} button`);
    return id;
  };

  beforeAll(async () => {
    board = await startFakeBoard();
    board.serve("/feed.rss", FEEDS.baseline);
    discord = await startFakeDiscord();
    dataDir = await mkdtemp(join(tmpdir(), "jobhound-discord-actions-e2e-"));
    bot = startBot({
      DATA_DIR: dataDir,
      SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
      SCRAPE_SCHEDULE: "* * * * * *",
      DISCORD_TOKEN: "fake-token.for.tests",
      DISCORD_API_ROOT: discord.apiRoot,
      DISCORD_GUILD_ID: GUILD_ID,
    });
    await bot.waitFor("the Discord connection", () => bot.logs().some((l) => l.msg === "discord ready"), 60_000);
    await bot.waitFor("the baseline cycle", () => cyclesDone(bot) >= 1);
  }, 120_000);

  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await discord.close();
    await board.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("saves for the tapper, refuses a foreign payload and a member's Hide, and a mute keeps the company out", async () => {
    await run(slashCommand("subscribe", { query: "marketing" }, asManager), 2);
    await run(slashCommand("subscribe", { query: "marketing" }, { user: DM_USER }), 2);
    board.serve("/feed.rss", FEEDS.first);
    const dm = await discord.waitFor("the DM channel", () => discord.dmChannelOf(DM_USER));
    await discord.waitFor("two alerts in the channel and two in the DM", () =>
      [CHANNEL_ID, dm].every((channel) => discord.currentMessagesIn(channel).length >= 2),
    );
    const acme = alertAbout(CHANNEL_ID, "Marketing lead", "Acme");
    if (!acme) throw new Error("no Acme alert in the channel");
    expect(acme.components?.map((row) => row.components.map((b) => b.label))).toEqual([
      ["Apply"],
      ["Save", "Hide", "Mute company"],
    ]);

    // A member saves Acme's job in the channel: kept for them, answered to them alone; /saved lists it.
    const saved = await run(buttonPress(buttonOf(acme, "Save"), acme, asMember));
    expect(callbackOf(saved)).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(saved[0]?.body)).toContain("Saved ✓");
    const list = await run(slashCommand("saved", {}, { user: MEMBER_USER }), 2);
    expect(JSON.stringify(list[1]?.body)).toContain("Marketing lead — Acme");

    // The channel's Mute button pressed in the member's DM: refused, and nothing is muted there.
    const foreign = await run(
      buttonPress(buttonOf(acme, "Mute company"), { components: acme.components }, { user: MEMBER_USER }),
    );
    expect(callbackOf(foreign)).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(foreign[0]?.body)).toContain("another chat; nothing changed");

    // Without Manage Channels, Hide is refused and the alert stays as it was.
    const hidden = await run(buttonPress(buttonOf(acme, "Hide"), acme, asMember));
    expect(callbackOf(hidden)).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(hidden[0]?.body)).toContain("Only the group's admins");
    expect(alertAbout(CHANNEL_ID, "Marketing lead", "Acme")?.components).toHaveLength(2);

    // A channel manager mutes Acme: the alert is updated in place, the answer is for them alone.
    const muted = await run(buttonPress(buttonOf(acme, "Mute company"), acme, asManager), 2);
    expect(callbackOf(muted)).toMatchObject({ type: 7, data: { content: "Acme muted ✓" } });
    expect(muted[1]).toMatchObject({ method: "POST", body: { flags: 64 } });
    expect(JSON.stringify(muted[1]?.body)).toContain("/unmute Acme");
    const updated = alertAbout(CHANNEL_ID, "Marketing lead", "Acme");
    expect(updated?.content).toBe("Acme muted ✓");
    expect(updated?.components?.map((row) => row.components.map((b) => b.label))).toEqual([["Apply"]]);

    // Acme's next job reaches the DM, which did not mute it, but not the channel.
    board.serve("/feed.rss", FEEDS.second);
    await discord.waitFor("the second round in the DM and Initech's job in the channel", () =>
      Boolean(
        alertAbout(dm, "Marketing director", "Acme") &&
        alertAbout(dm, "Marketing associate", "Initech") &&
        alertAbout(CHANNEL_ID, "Marketing associate", "Initech"),
      ),
    );
    const cycles = cyclesDone(bot);
    await bot.waitFor("two more cycles", () => cyclesDone(bot) >= cycles + 2);
    expect(alertAbout(CHANNEL_ID, "Marketing director", "Acme")).toBeUndefined();
    expect(discord.violations).toEqual([]);
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  }, 90_000);
});
