import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import { freePort } from "../fakes/free-port.js";
import { fixture } from "../fixtures.js";
import { cyclesDone, startBot } from "./bot-process.js";

describe("operations, end to end", () => {
  let board: FakeBoard;
  let dataDir: string;

  beforeAll(async () => {
    board = await startFakeBoard();
    board.serve("/feed.rss", fixture("wwr-programming-2020.rss"));
    dataDir = await mkdtemp(join(tmpdir(), "jobhound-ops-"));
  });
  afterAll(async () => {
    await board.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves /healthz and Prometheus /metrics when HTTP_PORT is set", async () => {
    const port = await freePort();
    const bot = startBot({
      DATA_DIR: join(dataDir, "ops"),
      SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
      SCRAPE_SCHEDULE: "* * * * * *",
      HTTP_PORT: String(port),
    });
    await bot.waitFor("a cycle", () => cyclesDone(bot) >= 1);

    const healthz = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(healthz.status).toBe(200);
    expect(await healthz.json()).toMatchObject({
      status: "ok",
      sourcesFailing: [],
      platforms: { console: "connected" },
    });

    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    const text = await metrics.text();
    expect(text).toMatch(/^jobhound_cycles_total\{outcome="completed"\} [1-9]/m);
    expect(text).toMatch(/^jobhound_new_jobs_total 4$/m);
    expect(text).toMatch(/^jobhound_alerts_sent_total\{platform="console"\} 0$/m);
    expect(text).toContain("jobhound_outbox_length 0");

    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    bot.endInput();
    expect(await bot.exited).toBe(0);
  });

  it("refuses a corrupted data file with exit code 1, naming it, and leaves it byte for byte", async () => {
    const dir = join(dataDir, "corrupted");
    const first = startBot({
      DATA_DIR: dir,
      SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
      SCRAPE_SCHEDULE: "* * * * * *",
    });
    await first.waitFor("a cycle", () => cyclesDone(first) >= 1);
    first.endInput();
    await first.exited;
    const path = join(dir, "jobs.ndjson");
    const damaged = (await readFile(path, "utf8")).slice(0, 500);
    await writeFile(path, damaged);

    const bot = startBot({ DATA_DIR: dir, SOURCES: `weworkremotely=${board.url("/feed.rss")}` });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain(`${path} line 2 is not valid JSON`);
    expect(await readFile(path, "utf8")).toBe(damaged);
  });
});
