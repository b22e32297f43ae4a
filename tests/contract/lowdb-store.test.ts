/**
 * The lowdb store on real files in a fresh temp directory: the store contract, then what only a
 * store on disk can get wrong (reopening, refusing a damaged file, one write per change).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Adapter } from "lowdb";
import { TextFile } from "lowdb/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import { initialSourceState } from "../../src/core/source-state.js";
import { openLowdbStore, STORE_FILE_NAME, StoreLoadError } from "../../src/store/lowdb-store.js";
import { makeCommit, makeJob, makeOutboxEntry } from "../fakes/builders.js";
import { storeContract } from "./store.contract.js";

let root: string;
let dirs = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "jobhound-store-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A directory no other test uses (created by the store itself when it opens). */
const freshDir = () => join(root, `store-${++dirs}`);
const open = (dir: string, adapter?: Adapter<string>) => openLowdbStore(dir, { log: silentLogger, adapter });

/** lowdb's own file adapter, counting the writes that reach it. */
function countingFile(dir: string): Adapter<string> & { writes: number } {
  const file = new TextFile(join(dir, STORE_FILE_NAME));
  const counting = {
    writes: 0,
    read: () => file.read(),
    write: (text: string) => {
      counting.writes += 1;
      return file.write(text);
    },
  };
  return counting;
}

storeContract("openLowdbStore", () => open(freshDir()));

describe("openLowdbStore on disk", () => {
  it("keeps every kind of state across reopening", async () => {
    const dir = freshDir();
    const store = await open(dir);
    const sub = await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: 1 });
    await store.addSubscription({ chat: "telegram:2", createdBy: "2", query: "go", createdAt: 2 });
    await store.removeAllSubscriptions("telegram:2");
    await store.setPaused("telegram:3", true, "blocked");
    const [job, alerted] = [makeJob({ url: "https://boards.example.com/jobs/7" }), makeJob()];
    const alert = makeOutboxEntry({ chat: "telegram:1", jobIds: [alerted.id] });
    const source = { ...initialSourceState("remoteok"), baselineDone: true, etag: '"abc"' };
    await store.commitCycle(
      makeCommit({ newJobs: [job, alerted], sourceStates: [source], outbox: [alert], cursor: { chats: ["telegram:1"], seq: alerted.seq }, matchCounts: { [sub.id]: 1 } }),
    );
    await store.close();

    const reopened = await open(dir);
    expect(await reopened.lastSeq()).toBe(alerted.seq);
    expect(await reopened.recentJobs()).toEqual([alerted, job]);
    expect(await reopened.findSameJob({ id: "x:1", fingerprint: "x", url: "https://www.boards.example.com/jobs/7/" })).toEqual(job);
    expect(await reopened.subscriptionsOf("telegram:1")).toEqual([{ ...sub, matchCount: 1 }]);
    expect(await reopened.getChat("telegram:1")).toEqual({ chat: "telegram:1", cursor: alerted.seq, paused: false });
    expect(await reopened.getChat("telegram:3")).toEqual({ chat: "telegram:3", cursor: 0, paused: true, pausedReason: "blocked" });
    expect(await reopened.sourceStates()).toEqual([source]);
    expect(await reopened.pendingAlerts()).toEqual([alert]);
    expect((await reopened.addSubscription({ chat: "telegram:1", createdBy: "1", query: "go", createdAt: 3 })).id).toBe("3");
    await reopened.close();
  });

  it("starts empty when the file is missing, without writing until something changes", async () => {
    const dir = freshDir();
    const file = countingFile(dir);
    const store = await open(dir, file);
    expect(await store.countSubscriptions()).toBe(0);
    expect(file.writes).toBe(0);
    await store.close();
  });

  it.each([
    ["truncated JSON", '{"version":1,"lastSeq":3,"jobs":[{"id":"remoteok:1"', /not valid JSON/],
    ["an empty file", "", /not valid JSON/],
    ["null", "null", /not a Jobhound store/],
    ["the wrong shape", JSON.stringify({ version: 1, lastSeq: "3", jobs: {} }), /not a Jobhound store: lastSeq: .*jobs: /],
    ["a future version", JSON.stringify({ version: 2 }), /not a Jobhound store: version/],
  ])("refuses a file holding %s, naming it, and leaves it byte for byte", async (_kind, content, problem) => {
    const dir = freshDir();
    await open(dir).then((store) => store.close()); // creates the directory
    const path = join(dir, STORE_FILE_NAME);
    await writeFile(path, content);

    const opening = open(dir);
    await expect(opening).rejects.toThrow(StoreLoadError);
    await expect(opening).rejects.toThrow(path);
    await expect(opening).rejects.toThrow(problem);
    expect(await readFile(path, "utf8")).toBe(content);
  });

  it("refuses a file whose jobs are out of seq order", async () => {
    const dir = freshDir();
    const store = await open(dir);
    await store.commitCycle(makeCommit({ newJobs: [makeJob(), makeJob()] }));
    await store.close();
    const path = join(dir, STORE_FILE_NAME);
    const data = JSON.parse(await readFile(path, "utf8")) as { jobs: unknown[] };
    data.jobs.reverse();
    const content = JSON.stringify(data);
    await writeFile(path, content);
    await expect(open(dir)).rejects.toThrow(/jobs\.1\.seq: jobs must be in increasing seq order/);
    expect(await readFile(path, "utf8")).toBe(content);
  });

  it("writes the file once for a cycle of 500 jobs, and once per other change", async () => {
    const dir = freshDir();
    const file = countingFile(dir);
    const store = await open(dir, file);
    const jobs = Array.from({ length: 500 }, () => makeJob());
    const alerts = jobs.slice(0, 50).map((job) => makeOutboxEntry({ jobIds: [job.id] }));
    await store.commitCycle(makeCommit({ newJobs: jobs, outbox: alerts }));
    expect(file.writes).toBe(1);
    await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: 1 });
    await store.removeAlerts(alerts.map((a) => a.id));
    expect(file.writes).toBe(3);
    await store.close();
    expect((await open(dir).then((s) => s.recentJobs())).length).toBe(500);
  });

  it("lets close() finish a write in progress", async () => {
    const dir = freshDir();
    const store = await open(dir);
    const job = makeJob();
    const committing = store.commitCycle(makeCommit({ newJobs: [job] }));
    await store.close();
    const saved = JSON.parse(await readFile(join(dir, STORE_FILE_NAME), "utf8")) as { jobs: { id: string }[] };
    expect(saved.jobs.map((j) => j.id)).toEqual([job.id]);
    await committing;
  });
});
