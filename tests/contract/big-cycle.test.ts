/**
 * One cycle that decides 500,000 alerts is committed and saved (issue 14, finding 2: spreading them
 * into one push() threw RangeError past about 125,000, and every later cycle failed the same way).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../src/core/alert.js";
import { silentLogger } from "../../src/core/logger.js";
import { openFilesStore } from "../../src/store/files-store.js";
import { memoryStore } from "../../src/store/memory-store.js";
import type { Store } from "../../src/store/store.js";
import { makeCommit, makeJob, T0 } from "../fakes/builders.js";

const ALERTS = 500_000;
const CHATS = 5_000; // 100 alerts each: within the outbox bound, so every one is kept

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "jobhound-big-cycle-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function bigCommit() {
  const jobs = Array.from({ length: ALERTS / CHATS }, () => makeJob());
  const matches = [{ subscriptionId: "1", query: "rust", words: ["rust"] }];
  const outbox: OutboxEntry[] = [];
  for (let i = 0; i < ALERTS; i += 1) {
    const chat = `telegram:${i % CHATS}`;
    const jobId = (jobs[Math.floor(i / CHATS)] ?? jobs[0])?.id ?? "";
    outbox.push({
      id: `${chat}#${jobId}`,
      chat,
      items: [{ jobId, matches }],
      createdAt: T0,
      attempts: 0,
      nextAttemptAt: T0,
    });
  }
  return makeCommit({ newJobs: jobs, outbox });
}

async function commitsAll(store: Store): Promise<void> {
  await store.commitCycle(bigCommit());
  expect((await store.pendingAlerts()).length).toBe(ALERTS);
}

describe("a cycle of 500,000 alerts", () => {
  it("is committed by the memory store", async () => {
    await commitsAll(memoryStore());
  }, 300_000);

  it("is committed and saved by the store on disk", async () => {
    const dir = join(root, "store");
    const store = await openFilesStore(dir, { log: silentLogger });
    await commitsAll(store);
    await store.close();
    const reopened = await openFilesStore(dir, { log: silentLogger });
    expect((await reopened.pendingAlerts()).length).toBe(ALERTS);
  }, 300_000);
});
