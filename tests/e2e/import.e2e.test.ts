/**
 * Moving up, end to end: a bot runs on files, stops with an alert still queued, the files are
 * imported with `npm run import` (twice: the second changes nothing), and the bot started on the
 * database sends the queued alert and the new matches once each, and nothing again after a restart.
 * Skipped without a PostgreSQL test database.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../../src/adapters/console/console.js";
import { makeCommit, makeOutboxEntry } from "../fakes/builders.js";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import { fixture } from "../fixtures.js";
import { freshDatabaseUrl, postgresUrl } from "../postgres/test-database.js";
import { cyclesDone, startBot } from "./bot-process.js";
import { openStoreOf } from "./stores.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BASELINE = fixture("wwr-programming-2020.rss");
const NEW_ITEMS = fixture("wwr-remote-jobs-2026.rss").match(/<item>[\s\S]*<\/item>/)?.[0] ?? "";
const OTTIMATE = "https://weworkremotely.com/remote-jobs/ottimate-director-of-partner-marketing";
const WEX = "https://weworkremotely.com/remote-jobs/wex-product-marketing-manager-corporate-payments";

const alertsIn = (stdout: string) => stdout.split("\n").filter((line) => line.startsWith("🔔"));
const count = (text: string, needle: string) => text.split(needle).length - 1;

/** `npm run import -- <dir>`, as a person runs it; resolves with what it logged, rejects if it fails. */
async function importFiles(dataDir: string, databaseUrl: string): Promise<string> {
  const { stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/import-store.ts", dataDir], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, LOG_FORMAT: "json" },
  });
  return stderr;
}

describe.skipIf(!postgresUrl)("moving a files store to PostgreSQL, end to end", () => {
  let board: FakeBoard;
  let dataDir: string;
  beforeAll(async () => {
    board = await startFakeBoard();
    board.serve("/feed.rss", BASELINE);
    dataDir = await mkdtemp(join(tmpdir(), "jobhound-import-e2e-"));
  });
  afterAll(async () => {
    await board.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("announces nothing twice and loses no queued alert", async () => {
    const sources = { SOURCES: `weworkremotely=${board.url("/feed.rss")}`, SCRAPE_SCHEDULE: "* * * * * *" };
    const onFiles = startBot({ DATA_DIR: dataDir, ...sources });
    await onFiles.waitFor("the baseline cycle", () => cyclesDone(onFiles) >= 1, 30_000);
    onFiles.type("/subscribe marketing");
    await onFiles.waitFor("the confirmation", () => onFiles.stdout().includes("Subscribed #"));
    onFiles.endInput();
    expect(await onFiles.exited).toBe(0);

    // An alert decided but not sent when the bot stopped: it must survive the move.
    const files = await openStoreOf({ DATA_DIR: dataDir });
    const queuedJob = (await files.recentJobs()).at(-1);
    if (!queuedJob) throw new Error("the baseline stored no job");
    await files.commitCycle(makeCommit({ outbox: [makeOutboxEntry({ chat: CONSOLE_CHAT, jobIds: [queuedJob.id] })] }));
    await files.close();

    const databaseUrl = await freshDatabaseUrl();
    expect(await importFiles(dataDir, databaseUrl)).toContain('"msg":"imported; start the bot with DATABASE_URL set"');
    expect(await importFiles(dataDir, databaseUrl)).toContain("already imported");

    board.serve("/feed.rss", BASELINE.replace("</channel>", `${NEW_ITEMS}\n</channel>`));
    const onDatabase = startBot({ DATABASE_URL: databaseUrl, ...sources });
    await onDatabase.waitFor("three alerts", () => alertsIn(onDatabase.stdout()).length >= 3, 30_000);
    const seen = cyclesDone(onDatabase);
    await onDatabase.waitFor("two more cycles", () => cyclesDone(onDatabase) >= seen + 2, 30_000);
    const out = onDatabase.stdout();
    expect(alertsIn(out)).toHaveLength(3);
    for (const url of [queuedJob.url, OTTIMATE, WEX]) expect(count(out, url)).toBe(1);
    onDatabase.endInput();
    expect(await onDatabase.exited).toBe(0);

    const again = startBot({ DATABASE_URL: databaseUrl, ...sources });
    // Its first cycle fetches the board again and delivers whatever is queued.
    await again.waitFor(
      "a cycle and its delivery report after the restart",
      () => again.logs().some((l) => l.msg === "delivery since the previous cycle"),
      30_000,
    );
    again.endInput();
    expect(await again.exited).toBe(0);
    expect(alertsIn(again.stdout())).toEqual([]);
  }, 180_000);
});
