import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buttonPress, CHANNEL_MANAGER, MEMBER, slashCommand } from "../fakes/discord-payloads.js";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import {
  APP_ID,
  CHANNEL_ID,
  GUILD_ID,
  startFakeDiscord,
  type FakeDiscord,
  type RecordedRequest,
} from "../fakes/fake-discord.js";
import { fixture } from "../fixtures.js";
import { cyclesDone, startBot, type BotProcess } from "./bot-process.js";

// The board starts as the 2020 feed (the baseline); then the 2026 feed's jobs appear on it, plus
// one posting titled "@everyone hiring". "marketing" matches Ottimate, WEX and that posting.
const BASELINE = fixture("wwr-programming-2020.rss");
const NEW_ITEMS = fixture("wwr-remote-jobs-2026.rss").match(/<item>[\s\S]*<\/item>/)?.[0] ?? "";
const EVERYONE_URL = "https://weworkremotely.com/remote-jobs/pingco-everyone-hiring";
const EVERYONE_ITEM = `<item>
  <title>Pingco: @everyone hiring a marketing lead</title>
  <region>Anywhere in the World</region>
  <type>Full-Time</type>
  <description>&lt;p&gt;@everyone @here we are hiring a marketing lead.&lt;/p&gt;</description>
  <pubDate>Wed, 01 Apr 2026 10:00:00 +0000</pubDate>
  <guid>${EVERYONE_URL}</guid>
  <link>${EVERYONE_URL}</link>
</item>`;
const UPDATED = BASELINE.replace("</channel>", `${NEW_ITEMS}\n${EVERYONE_ITEM}\n</channel>`);
const EXPECTED = [
  "https://weworkremotely.com/remote-jobs/ottimate-director-of-partner-marketing",
  "https://weworkremotely.com/remote-jobs/wex-product-marketing-manager-corporate-payments",
  EVERYONE_URL,
];

const STARTUP_MS = 30_000;
const ADMIN = "400000000000000001";
const MEMBER_USER = "400000000000000002";
const DM_USER = "400000000000000003";

type Body = {
  type?: number;
  data?: { flags?: number };
  embeds?: { description?: string; title?: string; url?: string; footer?: { text: string } }[];
  components?: { components: { custom_id?: string; url?: string; label?: string }[] }[];
  allowed_mentions?: unknown;
};
const bodies = (requests: RecordedRequest[]) => requests.map((r) => r.body as Body);
const urlsIn = (messages: Body[]) => messages.flatMap((m) => m.embeds ?? []).map((e) => e.url);
const count = <T>(list: T[], value: T) => list.filter((v) => v === value).length;

describe("the bot on Discord, end to end", () => {
  let board: FakeBoard;
  let discord: FakeDiscord;
  let dataDir: string;
  let env: Record<string, string>;
  let bot: BotProcess;

  const logged = (message: string) => () => bot.logs().some((l) => l.msg === message);
  /** Sends a slash command and resolves with the requests that answered it, once `done` holds. */
  async function run(
    payload: Record<string, unknown>,
    done: (answers: RecordedRequest[]) => boolean,
  ): Promise<RecordedRequest[]> {
    const token = discord.interact(payload);
    return discord.waitFor(`the answer to ${JSON.stringify(payload.data)}`, () => {
      const answers = discord.answersTo(token);
      return done(answers) ? answers : undefined;
    });
  }
  const edited = (answers: RecordedRequest[]) => answers.some((a) => a.method === "PATCH");

  beforeAll(async () => {
    board = await startFakeBoard();
    board.serve("/feed.rss", BASELINE);
    discord = await startFakeDiscord();
    dataDir = await mkdtemp(join(tmpdir(), "jobhound-discord-e2e-"));
    env = {
      DATA_DIR: dataDir,
      SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
      SCRAPE_SCHEDULE: "* * * * * *",
      DISCORD_TOKEN: "fake-token.for.tests",
      DISCORD_API_ROOT: discord.apiRoot,
      DISCORD_GUILD_ID: GUILD_ID,
    };
  });

  // Every interaction must have been answered without a failure on either side.
  afterEach(() => {
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  });

  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await discord.close();
    await board.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("registers the commands, serves them over the gateway and sends channel and DM alerts once", async () => {
    bot = startBot(env);
    // Starting the process is most of the wait on a busy machine: give it room.
    await bot.waitFor("the Discord connection", logged("discord ready"), STARTUP_MS);
    await bot.waitFor("the command registration", logged("slash commands registered"));
    expect(discord.identifies[0]).toMatchObject({ token: "fake-token.for.tests", intents: 1 });
    const puts = discord.requests.filter((r) => r.method === "PUT");
    expect(puts.map((r) => r.path)).toEqual([`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
    const registered = puts[0]?.body as { name: string; options?: { name: string; autocomplete?: boolean }[] }[];
    expect(registered.map((c) => c.name)).toEqual([
      "start",
      "help",
      "subscribe",
      "unsubscribe",
      "subscriptions",
      "latest",
      "saved",
      "unsave",
      "muted",
      "mute",
      "unmute",
      "pause",
      "resume",
      "digest",
      "quiet",
      "timezone",
      "settings",
      "sources",
    ]);
    expect(registered.find((c) => c.name === "subscribe")?.options?.map((o) => o.name)).toEqual(["query", "dm"]);
    await bot.waitFor("the baseline cycle", () => cyclesDone(bot) >= 1);

    const refused = await run(
      slashCommand("subscribe", { query: "engineer" }, { user: MEMBER_USER, guild: { memberPermissions: MEMBER } }),
      (a) => a.length > 0,
    );
    expect(bodies(refused)[0]).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(refused[0]?.body)).toContain("Manage Channels");

    const channelSub = await run(
      slashCommand("subscribe", { query: "marketing" }, { user: ADMIN, guild: { memberPermissions: CHANNEL_MANAGER } }),
      edited,
    );
    expect(bodies(channelSub)[0]).toEqual({ type: 5, data: { flags: 0 } }); // in the channel, for all to see
    expect(JSON.stringify(channelSub[1]?.body)).toContain("Subscribed **#1**");
    const dmSub = await run(
      slashCommand(
        "subscribe",
        { query: "marketing", dm: true },
        { user: MEMBER_USER, guild: { memberPermissions: MEMBER } },
      ),
      edited,
    );
    expect(bodies(dmSub)[0]).toEqual({ type: 5, data: { flags: 64 } });
    expect(JSON.stringify(dmSub[1]?.body)).toContain("Subscribed **#2**");
    const inDm = await run(slashCommand("subscribe", { query: "marketing" }, { user: DM_USER }), edited);
    expect(JSON.stringify(inDm[1]?.body)).toContain("Subscribed **#3**");
    expect(discord.messagesIn(CHANNEL_ID)).toEqual([]);

    board.serve("/feed.rss", UPDATED);
    const dms = await discord.waitFor("both DM channels", () => {
      const opened = [discord.dmChannelOf(MEMBER_USER), discord.dmChannelOf(DM_USER)];
      return opened.every(Boolean) ? (opened as string[]) : undefined;
    });
    const places = [CHANNEL_ID, ...dms];
    await discord.waitFor("three alerts in each place", () =>
      places.every((place) => discord.messagesIn(place).length >= 3),
    );
    const seen = cyclesDone(bot);
    await bot.waitFor("two more cycles", () => cyclesDone(bot) >= seen + 2);

    for (const place of places) {
      const messages = discord.messagesIn(place) as Body[];
      expect(messages).toHaveLength(3);
      for (const url of EXPECTED) expect(count(urlsIn(messages), url)).toBe(1);
      for (const message of messages) expect(message.allowed_mentions).toEqual({ parse: [] });
      const everyone = messages.find((m) => m.embeds?.[0]?.url === EVERYONE_URL);
      expect(everyone?.embeds?.[0]?.title).toBe("\\@everyone hiring a marketing lead");
      expect(everyone?.components?.[0]?.components[0]).toMatchObject({ label: "Apply", url: EVERYONE_URL });
    }
    // Replies to interactions allow no mentions either.
    for (const body of bodies(discord.requests.filter((r) => r.path.startsWith("/webhooks/"))))
      expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(discord.heartbeatsAcked()).toBeGreaterThan(0);
  }, 60_000);

  it("pages /latest with buttons that still work after a restart, without registering again", async () => {
    // Too long for a custom_id with its query: the button must recover it from the message.
    const query = `remote ${"abcdefg"
      .split("")
      .map((c) => `-${c.repeat(12)}`)
      .join(" ")}`;
    expect(query.length).toBeGreaterThan(100);
    const latest = await run(
      slashCommand("latest", { query }, { user: MEMBER_USER, guild: { memberPermissions: MEMBER } }),
      edited,
    );
    expect(bodies(latest)[0]).toEqual({ type: 5, data: { flags: 64 } });
    const page = latest[1]?.body as Body;
    const next = page.components?.[0]?.components.find((c) => c.custom_id?.includes(":1:"))?.custom_id ?? "";
    expect(next.length).toBeLessThanOrEqual(100);
    expect(next).not.toContain("remote");

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    const puts = discord.requests.filter((r) => r.method === "PUT").length;
    bot = startBot(env);
    await bot.waitFor("the command check", logged("slash commands unchanged: not registering again"), STARTUP_MS);
    await bot.waitFor("the Discord connection", logged("discord ready"));
    expect(discord.requests.filter((r) => r.method === "PUT")).toHaveLength(puts);

    const pressed = await run(
      buttonPress(
        next,
        { embeds: page.embeds, components: page.components },
        { user: MEMBER_USER, guild: { memberPermissions: MEMBER } },
      ),
      edited,
    );
    expect(bodies(pressed)[0]).toEqual({ type: 6 });
    expect(JSON.stringify(pressed[1]?.body)).toContain("page 2 of");
  }, 60_000);

  it("resumes its gateway session when Discord drops the connection, and keeps answering", async () => {
    const identified = discord.identifies.length;
    discord.dropConnections();
    await bot.waitFor("the resumed session", logged("discord gateway resumed"));
    expect(discord.resumes).toEqual([
      expect.objectContaining({ token: "fake-token.for.tests", session_id: "fake-session" }),
    ]);
    expect(discord.identifies).toHaveLength(identified);
    const sources = await run(
      slashCommand("sources", {}, { user: MEMBER_USER, guild: { memberPermissions: MEMBER } }),
      edited,
    );
    expect(JSON.stringify(sources.at(-1)?.body)).toContain("We Work Remotely");
  }, 60_000);

  it("stops with exit code 1 and says so when Discord refuses the token", async () => {
    // A data directory of its own: the bot of the tests above still runs on theirs, and two
    // processes writing one store's files fail each other's renames.
    const ownDir = await mkdtemp(join(tmpdir(), "jobhound-discord-e2e-refused-"));
    try {
      const refused = startBot({ ...env, DATA_DIR: ownDir, DISCORD_TOKEN: "an-invalid-token" });
      expect(await refused.exited).toBe(1);
      expect(refused.stderr().trim().split("\n").at(-1)).toBe(
        "jobhound: Discord login failed: An invalid token was provided.",
      );
      expect(refused.stderr()).not.toContain("an-invalid-token");
    } finally {
      await rm(ownDir, { recursive: true, force: true });
    }
  });
});
