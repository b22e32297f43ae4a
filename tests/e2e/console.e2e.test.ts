import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import { fixture } from "../fixtures.js";
import { cyclesDone, startBot } from "./bot-process.js";
import { E2E_STORES } from "./stores.js";

// The 2020 feed is the board as the bot first sees it (the baseline); then the 2026 feed's five
// jobs appear on it. Of those, "marketing" matches Ottimate and WEX, "engineer" matches Summedd.
// BBK Worldwide mentions marketing too, but it was there at the baseline: it must never be sent.
const BASELINE = fixture("wwr-programming-2020.rss");
const NEW_ITEMS = fixture("wwr-remote-jobs-2026.rss").match(/<item>[\s\S]*<\/item>/)?.[0] ?? "";
const UPDATED = BASELINE.replace("</channel>", `${NEW_ITEMS}\n</channel>`);

const EXPECTED = [
  "https://weworkremotely.com/remote-jobs/summedd-full-stack-engineer-with-ai-coding-expertise-for-saas-platform",
  "https://weworkremotely.com/remote-jobs/ottimate-director-of-partner-marketing",
  "https://weworkremotely.com/remote-jobs/wex-product-marketing-manager-corporate-payments",
];

const alertsIn = (stdout: string) => stdout.split("\n").filter((line) => line.startsWith("🔔"));
const count = (text: string, needle: string) => text.split(needle).length - 1;

for (const kind of E2E_STORES)
  describe.skipIf(!kind.available)(`the bot in a terminal, end to end (${kind.name})`, () => {
    let board: FakeBoard;
    let dataDir: string;
    let env: Record<string, string>;

    beforeAll(async () => {
      board = await startFakeBoard();
      board.serve("/feed.rss", BASELINE);
      dataDir = await mkdtemp(join(tmpdir(), "jobhound-e2e-"));
      env = {
        ...(await kind.env(dataDir)),
        SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
        SCRAPE_SCHEDULE: "* * * * * *",
      };
    });

    afterAll(async () => {
      await board.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("prints exactly the matching new jobs once, and nothing again after a restart", async () => {
      const bot = startBot(env);
      await bot.waitFor("the baseline cycle", () => cyclesDone(bot) >= 1);
      bot.type("/subscribe marketing");
      bot.type("/subscribe engineer");
      await bot.waitFor("two confirmations", () => count(bot.stdout(), "Subscribed #") === 2);
      expect(alertsIn(bot.stdout())).toEqual([]);

      board.serve("/feed.rss", UPDATED);
      await bot.waitFor("three alerts", () => alertsIn(bot.stdout()).length >= 3);
      const seen = cyclesDone(bot);
      await bot.waitFor("two more cycles", () => cyclesDone(bot) >= seen + 2);

      const out = bot.stdout();
      expect(alertsIn(out)).toHaveLength(3);
      for (const url of EXPECTED) expect(count(out, url)).toBe(1);
      expect(out).not.toContain("bbk-worldwide-software-developer");
      expect(out).toContain("Director of Partner Marketing — Ottimate");
      expect(out).toContain("Anywhere in the World");
      expect(out).toContain("via We Work Remotely");

      // The query language in the real process: a field, an exclusion, and a refusal that says where.
      const before = bot.stdout().length;
      bot.type("/latest title:marketing -wex");
      bot.type("/subscribe title:");
      await bot.waitFor("the filtered list and the refusal", () =>
        bot.stdout().slice(before).includes("with no value"),
      );
      const answers = bot.stdout().slice(before);
      expect(answers).toContain("Director of Partner Marketing — Ottimate");
      expect(answers).not.toContain("WEX");
      expect(answers).toContain('"title:" with no value (position 1)');

      bot.endInput();
      expect(await bot.exited).toBe(0);

      const again = startBot(env);
      await again.waitFor("two cycles after the restart", () => cyclesDone(again) >= 2);
      again.type("/subscriptions");
      await again.waitFor("the subscription list", () => again.stdout().includes("2 subscriptions"));
      again.endInput();
      expect(await again.exited).toBe(0);
      expect(alertsIn(again.stdout())).toEqual([]);
    }, 60_000);

    it("stops with exit code 1 and names the variable when the configuration is bad", async () => {
      const bot = startBot({ ...env, SCRAPE_SCHEDULE: "every minute" });
      expect(await bot.exited).toBe(1);
      expect(bot.stderr().trim()).toMatch(
        /^jobhound: invalid configuration: SCRAPE_SCHEDULE is not a valid cron expression/,
      );
      expect(bot.stderr().trim().split("\n")).toHaveLength(1);
    });

    // DATA_DIR is not used when DATABASE_URL is set.
    it.skipIf(kind.name !== "files")("stops with exit code 1 when DATA_DIR cannot be written", async () => {
      // A path below a regular file: no directory can ever be made there, even by root.
      const file = join(dataDir, "a-file");
      await writeFile(file, "");
      const below = join(file, "data");
      const bot = startBot({ ...env, DATA_DIR: below });
      expect(await bot.exited).toBe(1);
      expect(bot.stderr().trim()).toBe(
        `jobhound: invalid configuration: DATA_DIR is not a writable directory: ${below} (ENOTDIR)`,
      );
    });

    it("exits 0 promptly on SIGTERM", async () => {
      const bot = startBot(env);
      await bot.waitFor("the first cycle", () => cyclesDone(bot) >= 1);
      const started = Date.now();
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(bot.logs().some((l) => l.msg === "shutting down" && l.reason === "SIGTERM")).toBe(true);
    });
  });
