/**
 * Discord with several copies on one database (README "Running several copies"): Discord allows one
 * gateway session per shard, so only the copy holding the lease logs in, and when it dies the next
 * holder does; alerts are sent through REST by whichever copy claims the chat.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { slashCommand } from "../fakes/discord-payloads.js";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import { startFakeDiscord, type FakeDiscord } from "../fakes/fake-discord.js";
import { fixture } from "../fixtures.js";
import { freshDatabaseUrl, postgresUrl } from "../postgres/test-database.js";
import { cyclesDone, startBot, type BotProcess } from "./bot-process.js";

const BASELINE = fixture("wwr-programming-2020.rss");
const NEW_ITEMS = fixture("wwr-remote-jobs-2026.rss").match(/<item>[\s\S]*<\/item>/)?.[0] ?? "";
const UPDATED = BASELINE.replace("</channel>", `${NEW_ITEMS}\n</channel>`);
/** "marketing" matches two of the 2026 feed's postings. */
const MARKETING_JOBS = 2;
const START_MS = 90_000;
const PERSON = "400000000000000003";

const logged = (bot: BotProcess, message: string) => bot.logs().some((l) => l.msg === message);
const holdsLease = (bot: BotProcess) => logged(bot, "this copy is the scraper now");

describe.skipIf(postgresUrl === null)("Discord on several copies", () => {
  let board: FakeBoard | undefined;
  let discord: FakeDiscord | undefined;
  const dirs: string[] = [];
  const bots: BotProcess[] = [];
  afterAll(async () => {
    for (const bot of bots) bot.child.kill("SIGKILL");
    await discord?.close();
    await board?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("keeps one gateway session, on the lease holder, and hands it over when that copy dies", async () => {
    const b = (board = await startFakeBoard());
    b.serve("/feed.rss", BASELINE);
    const d = (discord = await startFakeDiscord());
    const env = {
      DATABASE_URL: await freshDatabaseUrl(),
      SOURCES: `weworkremotely=${b.url("/feed.rss")}`,
      SCRAPE_SCHEDULE: "* * * * * *",
      DISCORD_TOKEN: "fake-token.for.tests",
      DISCORD_API_ROOT: d.apiRoot,
    };
    for (let copy = 0; copy < 2; copy += 1) {
      const dataDir = await mkdtemp(join(tmpdir(), "jobhound-discord-copies-"));
      dirs.push(dataDir);
      bots.push(startBot({ ...env, DATA_DIR: dataDir }));
      // One after the other, so that the first is the lease holder when the second starts.
      await bots[copy]!.waitFor("its start", () => logged(bots[copy]!, "Jobhound started"), START_MS);
    }
    const [first, second] = bots as [BotProcess, BotProcess];
    expect(holdsLease(first)).toBe(true);
    await first.waitFor("the gateway", () => logged(first, "discord ready"), START_MS);
    expect(logged(second, "discord: sending through REST; the gateway is on the copy holding the lease")).toBe(true);
    // A few heartbeats later the second copy still has not logged in.
    const beats = d.heartbeatsAcked();
    await d.waitFor("more heartbeats", () => d.heartbeatsAcked() >= beats + 3);
    expect(d.identifies).toHaveLength(1);
    expect(d.connections()).toBe(1);
    expect(logged(second, "discord ready")).toBe(false);

    // A subscription through the one gateway, then new jobs: each alert arrives once.
    const subscribed = d.interact(slashCommand("subscribe", { query: "marketing" }, { user: PERSON }));
    await d.waitFor("the confirmation", () =>
      d.answersTo(subscribed).some((a) => JSON.stringify(a.body).includes("Subscribed")),
    );
    await first.waitFor("the baseline cycle", () => cyclesDone(first) >= 1, START_MS);
    b.serve("/feed.rss", UPDATED);
    const dm = await d.waitFor("the DM channel", () => d.dmChannelOf(PERSON));
    await d.waitFor("both alerts", () => d.messagesIn(dm).length >= MARKETING_JOBS);

    // The lease holder dies: the other copy takes the lease and opens the one session.
    first.child.kill("SIGKILL");
    await first.exited;
    await second.waitFor("the lease", () => holdsLease(second), 60_000);
    await second.waitFor("the gateway on the new holder", () => logged(second, "discord ready"), START_MS);
    expect(d.identifies).toHaveLength(2);
    expect(d.connections()).toBe(1);
    const listed = d.interact(slashCommand("subscriptions", {}, { user: PERSON }));
    await d.waitFor("the list from the new holder", () =>
      d.answersTo(listed).some((a) => JSON.stringify(a.body).includes("marketing")),
    );
    expect(d.messagesIn(dm)).toHaveLength(MARKETING_JOBS);
  }, 240_000);
});
