/**
 * Store benchmark (issue 8): a realistic store of 10,000 jobs and 100,000 subscriptions on disk,
 * then: how long opening it takes, how long one write takes, how big the file is, and the
 * process's resident memory once it is loaded. Goals: load < 2,000 ms, write < 500 ms,
 * rss < 300 MB.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Subscription } from "../src/core/subscription.js";
import { emptyStoreData, type StoreData } from "../src/store/data.js";
import { STORE_FILES, WRITE_ORDER, writeStorePart } from "../src/store/store-files.js";
import { nodeFileSystem } from "../src/store/store-fs.js";
import { realJobs } from "./postings.js";

const run = promisify(execFile);
const JOBS = 10_000;
const SUBSCRIPTIONS = 100_000;
const CHATS = 20_000;
const QUERY_WORDS = [
  "rust",
  "go",
  "python",
  "typescript",
  "react",
  "senior",
  "remote",
  "backend",
  "devops",
  "java",
  "-php",
  "kubernetes",
];

function buildData(): StoreData {
  const data = emptyStoreData();
  const start = Date.UTC(2026, 10, 1);
  data.jobs = realJobs(JOBS);
  data.lastSeq = JOBS;
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const chat = `telegram:${100_000 + (i % CHATS)}`;
    const words = [QUERY_WORDS[i % QUERY_WORDS.length], QUERY_WORDS[(i * 7 + 3) % QUERY_WORDS.length]];
    const subscription: Subscription = {
      id: String(i + 1),
      chat,
      createdBy: chat.slice(9),
      query: words.join(" "),
      createdAt: start,
      sinceSeq: 0,
      matchCount: i % 17,
    };
    data.subscriptions.push(subscription);
    data.chats[chat] ??= { chat, cursor: JOBS, paused: false };
  }
  data.nextSubscriptionId = SUBSCRIPTIONS + 1;
  return data;
}

/** Loads the store in a fresh process, so its memory is the store's and not the generator's. */
async function measureInChild(dir: string): Promise<string> {
  const { stdout } = await run(process.execPath, [
    "--import",
    "tsx",
    fileURLToPath(new URL("./store-load.ts", import.meta.url)),
    dir,
  ]);
  return stdout.trim();
}

export async function storeBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "jobhound-bench-"));
  try {
    const data = buildData();
    for (const part of WRITE_ORDER) await writeStorePart(nodeFileSystem, dir, data, part);
    const figures = JSON.parse(await measureInChild(dir)) as { load: number; write: number; rss: number };
    let bytes = 0;
    for (const part of WRITE_ORDER) bytes += (await stat(join(dir, STORE_FILES[part]))).size;
    console.log(
      `store: ${JOBS} jobs, ${SUBSCRIPTIONS} subscriptions: load ${figures.load} ms, write ${figures.write} ms, file ${(bytes / 1e6).toFixed(1)} MB, rss ${figures.rss} MB` +
        `  (goals: load < 2000 ms, write < 500 ms, rss < 300 MB)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
