/**
 * Scale benchmark (issue 16): a large bot on each store. For PostgreSQL, by default 1,000,000
 * subscriptions in 300,000 chats over 50,000 jobs; for the files store a tenth of the
 * subscriptions and chats (what it holds in reasonable time: every /subscribe rewrites the whole
 * subscriptions file). For each it prints how long the bot takes to be ready (store opened, first
 * cycle run, and the stored jobs' documents for /latest prepared beside it, as main.ts does), how long a cycle bringing 2,000 new jobs takes to match and commit, the 99th
 * percentile of commands (/subscriptions, /subscribe, /latest) run during that cycle, the longest
 * event-loop stall, the resident memory, and the store calls the cycle spent its time in.
 *
 *   npm run bench -- scale [--subscriptions N] [--chats N] [--jobs N] [--new N]
 *                          [--files-subscriptions N] [--files-chats N] [--only files|postgres]
 *                          [--profile DIR]   (a CPU profile of each measured process, node --cpu-prof)
 *
 * PostgreSQL: a database is created (and dropped) through JOBHOUND_BENCH_DATABASE_URL, else
 * JOBHOUND_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 * Goals for PostgreSQL at the default size: ready < 20 s, cycle < 5 s, command p99 < 150 ms,
 * longest stall < 100 ms, rss < 1 GB.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { silentLogger } from "../src/core/logger.js";
import { importFiles } from "../src/store/postgres/import-files.js";
import { migrate } from "../src/store/postgres/migrations.js";
import { createPool } from "../src/store/postgres/pool.js";
import { WRITE_ORDER, writeStorePart } from "../src/store/store-files.js";
import { nodeFileSystem } from "../src/store/store-fs.js";
import { scaleData, type ScaleSize } from "./scale-data.js";

const run = promisify(execFile);

interface Figures {
  ready: number;
  /** When the first cycle was done (the documents for commands may still have been in the making). */
  firstCycle: number;
  cycle: number;
  newJobs: number;
  alerts: number;
  matches: number;
  commands: number;
  p99: number;
  stall: number;
  rss: number;
  steps: string[];
}

/** With `profile`, a directory: the measured process writes a CPU profile there (node --cpu-prof). */
async function measure(
  kind: "files" | "postgres",
  location: string,
  newJobs: number,
  profile?: string,
): Promise<Figures> {
  const script = fileURLToPath(new URL("./scale-run.ts", import.meta.url));
  const profiling = profile === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", profile];
  const args = [...profiling, "--import", "tsx", script, kind, location, String(newJobs)];
  const { stdout } = await run(process.execPath, args, {
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout) as Figures;
}

function print(store: string, size: ScaleSize, newJobs: number, f: Figures): void {
  const ms = (value: number) => Math.round(value).toLocaleString("en-US");
  console.log(
    `scale: ${store}, ${size.subscriptions.toLocaleString("en-US")} subscriptions, ${size.jobs.toLocaleString("en-US")} jobs: ` +
      `ready ${ms(f.ready)} ms, cycle ${ms(f.cycle)} ms for ${newJobs} new jobs, command p99 ${ms(f.p99)} ms ` +
      `during the cycle, longest stall ${ms(f.stall)} ms, rss ${Math.round(f.rss / 2 ** 20)} MB`,
  );
  console.log(
    `       (first cycle done at ${ms(f.firstCycle)} ms; ${size.chats.toLocaleString("en-US")} chats; ${f.newJobs} jobs new to the store; ${f.alerts.toLocaleString("en-US")} alerts queued, ` +
      `naming ${f.matches.toLocaleString("en-US")} matches; ` +
      `${f.commands} commands; store time in the cycle, ms: ${f.steps.slice(0, 5).join(", ")})`,
  );
}

async function onFiles(size: ScaleSize, newJobs: number, profile?: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "jobhound-bench-scale-"));
  try {
    const data = scaleData(size);
    for (const part of WRITE_ORDER) await writeStorePart(nodeFileSystem, dir, data, part);
    print("files", size, newJobs, await measure("files", dir, newJobs, profile));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function onPostgres(size: ScaleSize, newJobs: number, profile?: string): Promise<void> {
  const admin =
    process.env.JOBHOUND_BENCH_DATABASE_URL ??
    process.env.JOBHOUND_TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `jobhound_bench_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  try {
    const db = createPool(url.toString(), silentLogger, 2);
    try {
      await migrate(db);
      await importFiles(db, scaleData(size));
      await db.query("VACUUM ANALYZE");
      // The import leaves a gigabyte of pages to write: flushed now, not by the checkpointer while
      // the bot starts (a bot does not start the moment a million rows were written). In one run
      // each, ready took 20.2 s without this and 15.2 s with it.
      await db.query("CHECKPOINT").catch((error: unknown) => {
        console.log(`(no CHECKPOINT before measuring: ${error instanceof Error ? error.message : String(error)})`);
      });
    } finally {
      await db.end();
    }
    print("postgresql", size, newJobs, await measure("postgres", url.toString(), newJobs, profile));
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
}

export async function scaleBench(args: readonly string[] = []): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      subscriptions: { type: "string", default: "1000000" },
      chats: { type: "string", default: "300000" },
      jobs: { type: "string", default: "50000" },
      new: { type: "string", default: "2000" },
      "files-subscriptions": { type: "string" },
      "files-chats": { type: "string" },
      only: { type: "string" },
      profile: { type: "string" },
    },
  });
  const subscriptions = Number(values.subscriptions);
  const chats = Number(values.chats);
  const jobs = Number(values.jobs);
  const newJobs = Number(values.new);
  if (values.only !== "files") await onPostgres({ subscriptions, chats, jobs }, newJobs, values.profile);
  if (values.only !== "postgres") {
    const files = {
      subscriptions: Number(values["files-subscriptions"] ?? Math.ceil(subscriptions / 10)),
      chats: Number(values["files-chats"] ?? Math.ceil(chats / 10)),
      jobs,
    };
    await onFiles(files, newJobs, values.profile);
  }
}
