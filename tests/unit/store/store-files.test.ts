/** Writing a store file while the store keeps changing: a write saves the data as it was when it began. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subscription } from "../../../src/core/subscription.js";
import { removeSubscription } from "../../../src/store/chat-ops.js";
import { emptyStoreData } from "../../../src/store/data.js";
import { storeState } from "../../../src/store/state.js";
import { STORE_FILES, writeStorePart } from "../../../src/store/store-files.js";
import { nodeFileSystem } from "../../../src/store/store-fs.js";
import { makeJob } from "../../fakes/builders.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jobhound-store-files-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const subscription = (id: number): Subscription => ({
  id: String(id),
  chat: "telegram:1",
  createdBy: "1",
  query: `rust ${id}`,
  createdAt: 1,
  sinceSeq: 0,
  matchCount: 0,
});

async function savedIds(part: "jobs" | "subscriptions"): Promise<string[]> {
  const lines = (await readFile(join(dir, STORE_FILES[part]), "utf8")).trim().split("\n").slice(1);
  return lines.map((line) => (JSON.parse(line) as { id: string }).id);
}

describe("writeStorePart", () => {
  it("writes the subscriptions as they were when the write began, whatever changes meanwhile", async () => {
    const data = emptyStoreData();
    data.subscriptions = [1, 2, 3].map(subscription);
    const writing = writeStorePart(nodeFileSystem, dir, data, "subscriptions");
    data.subscriptions.splice(0, 1); // a change that mutates the array in place, while the file is being written
    data.subscriptions.push(subscription(4));
    await writing;
    expect(await savedIds("subscriptions")).toEqual(["1", "2", "3"]);
  });

  it("writes the jobs as they were when the write began, whatever changes meanwhile", async () => {
    const data = emptyStoreData();
    const jobs = [makeJob(), makeJob()];
    data.jobs = jobs.slice();
    const writing = writeStorePart(nodeFileSystem, dir, data, "jobs");
    data.jobs.push(makeJob());
    await writing;
    expect(await savedIds("jobs")).toEqual(jobs.map((job) => job.id));
  });
});

describe("removeSubscription", () => {
  it("leaves the array a write in progress may be reading as it was", () => {
    const state = storeState({ ...emptyStoreData(), subscriptions: [1, 2, 3].map(subscription) });
    const beingWritten = state.data.subscriptions;
    expect(removeSubscription(state, "telegram:1", "2")).toBe(true);
    expect(state.data.subscriptions.map((s) => s.id)).toEqual(["1", "3"]);
    expect(beingWritten.map((s) => s.id)).toEqual(["1", "2", "3"]);
    expect(removeSubscription(state, "telegram:2", "1")).toBe(false);
    expect(state.data.subscriptions.map((s) => s.id)).toEqual(["1", "3"]);
  });
});
