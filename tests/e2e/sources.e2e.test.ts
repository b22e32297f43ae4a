/**
 * Several kinds of source on one local board, each through its kind=URL form, one of them failing:
 * alerts arrive from the others, named after their board and linking to its job page, and /sources
 * (typed on stdin) shows the failure with its reason.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import { fixture } from "../fixtures.js";
import { cyclesDone, startBot } from "./bot-process.js";

const JSON_TYPE = "application/json";
const remoteOk = JSON.parse(fixture("remoteok-api-2024.json")) as Record<string, unknown>[];
const TELEPORT = remoteOk.find((item) => item["id"] === "1057874");
const REMOTEOK_BEFORE = JSON.stringify(remoteOk.slice(0, 8));
const REMOTEOK_AFTER = JSON.stringify([...remoteOk.slice(0, 8), TELEPORT]);
const remotive = JSON.parse(fixture("remotive-api-2025.json")) as { jobs: Record<string, unknown>[] };
const REMOTIVE_BEFORE = JSON.stringify({ ...remotive, jobs: remotive.jobs.slice(1) });
const REMOTIVE_AFTER = JSON.stringify(remotive);

/** This month's thread, whatever month the test runs in: the bot picks the thread by the date. */
function threadSearch(): string {
  const now = new Date();
  const month = now.toLocaleString("en", { month: "long", timeZone: "UTC" });
  return JSON.stringify({
    hits: [
      {
        objectID: "424242",
        title: `Ask HN: Who is hiring? (${month} ${now.getUTCFullYear()})`,
        created_at_i: Math.floor(now.getTime() / 1000),
      },
    ],
  });
}

const alertsIn = (stdout: string) => stdout.split("\n").filter((line) => line.startsWith("🔔"));

describe("several sources on a local board, one failing", () => {
  let board: FakeBoard;
  let dataDir: string;

  beforeAll(async () => {
    board = await startFakeBoard();
    board.serve("/remoteok", REMOTEOK_BEFORE, JSON_TYPE);
    board.serve("/remotive", REMOTIVE_BEFORE, JSON_TYPE);
    board.serve("/jobicy", fixture("jobicy-jobs-only-2026.json"), JSON_TYPE);
    board.serve("/hn/search_by_date", threadSearch(), JSON_TYPE);
    board.serve("/hn/items/424242", fixture("hn-algolia-item-2011-04.json"), JSON_TYPE);
    board.fail("/arbeitnow", 503);
    dataDir = await mkdtemp(join(tmpdir(), "jobhound-sources-e2e-"));
  });

  afterAll(async () => {
    await board.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("alerts from the healthy boards and shows the failing one in /sources", async () => {
    const sources = [
      `remoteok=${board.url("/remoteok")}`,
      `remotive=${board.url("/remotive")}`,
      `jobicy=${board.url("/jobicy")}`,
      `hackernews=${board.url("/hn")}`,
      `arbeitnow=${board.url("/arbeitnow")}`,
    ];
    const bot = startBot({ DATA_DIR: dataDir, SOURCES: sources.join(","), SCRAPE_SCHEDULE: "*/2 * * * * *" });
    await bot.waitFor("the baseline cycle", () => cyclesDone(bot) >= 1, 30_000);
    bot.type("/subscribe teleport");
    bot.type("/subscribe rails");
    await bot.waitFor("two confirmations", () => bot.stdout().split("Subscribed #").length - 1 === 2);

    board.serve("/remoteok", REMOTEOK_AFTER, JSON_TYPE);
    board.serve("/remotive", REMOTIVE_AFTER, JSON_TYPE);
    await bot.waitFor("two alerts", () => alertsIn(bot.stdout()).length >= 2, 30_000);
    expect(board.requests("/arbeitnow")).toBeGreaterThanOrEqual(1);

    bot.type("/sources");
    await bot.waitFor("the /sources answer", () => bot.stdout().includes("Watching 5 sources"));
    bot.endInput();
    expect(await bot.exited).toBe(0);

    const out = bot.stdout();
    // The console numbers alerts in the order they arrive, which differs between the two boards.
    expect(
      alertsIn(out)
        .map((alert) => alert.replace(/^🔔 \[\d+\] /, "🔔 "))
        .sort(),
    ).toEqual([
      "🔔 New job: Senior Full Stack Engineer Machine ID United Kingdom — Teleport",
      "🔔 New job: Tech Lead Full-Stack Rails Engineer — Mitre Media",
    ]);
    expect(out).toContain("via Remote OK");
    expect(out).toContain("via Remotive");
    expect(out).toContain(
      "https://remoteok.com/remote-jobs/remote-senior-full-stack-engineer-machine-id-united-kingdom-teleport-1057874",
    );
    expect(out).toContain(
      "https://remotive.com/remote-jobs/software-development/tech-lead-full-stack-rails-engineer-2069746",
    );

    const lines = out.split("\n");
    const line = (label: string) => lines.find((l) => l.includes(`• ${label} — `)) ?? "";
    expect(line("Arbeitnow")).toMatch(
      /backing off until .* after \d+ failed fetch(es)?; never fetched successfully; 0 jobs seen; last failure: HTTP 503 from 127\.0\.0\.1/,
    );
    expect(line("Remote OK")).toMatch(/healthy; last success .*; \d+ jobs seen/);
    expect(line("Remotive")).toMatch(/healthy/);
    expect(line("Jobicy")).toMatch(/healthy; last success .*; \d+ jobs seen/);
    expect(line("Hacker News · Who is hiring?")).toMatch(/healthy; last success .*; \d+ jobs seen/);
  }, 90_000);
});
