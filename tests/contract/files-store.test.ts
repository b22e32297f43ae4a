/**
 * The files store on real files in a fresh temp directory: the store contract, then what only a
 * store on disk can get wrong (reopening, refusing a damaged file, writing only what changed,
 * failed writes, a kill between two files' writes).
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../src/core/clock.js";
import { StoreWriteError } from "../../src/core/errors.js";
import { silentLogger } from "../../src/core/logger.js";
import { initialSourceState } from "../../src/core/source-state.js";
import { openFilesStore, STORE_FILES, StoreLoadError, type FilesStoreOptions } from "../../src/store/files-store.js";
import { makeCommit, makeJob, makeOutboxEntry, T0 } from "../fakes/builders.js";
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
const open = (dir: string, options: Partial<FilesStoreOptions> = {}) =>
  openFilesStore(dir, { log: silentLogger, retryDelaysMs: [1, 1], ...options });

/** Counts the file writes a store makes, by file name. */
function writeCounter() {
  const writes: string[] = [];
  return { writes, beforeWrite: (file: string) => void writes.push(file) };
}

storeContract("openFilesStore", () => open(freshDir()));

describe("openFilesStore on disk", () => {
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
      makeCommit({
        newJobs: [job, alerted],
        sourceStates: [source],
        outbox: [alert],
        cursor: alerted.seq,
        matchCounts: { [sub.id]: 1 },
      }),
    );
    await store.close();

    const reopened = await open(dir);
    expect(await reopened.lastSeq()).toBe(alerted.seq);
    expect(await reopened.recentJobs()).toEqual([alerted, job]);
    expect(
      await reopened.findSameJob({ id: "x:1", fingerprint: "x", url: "https://www.boards.example.com/jobs/7/" }),
    ).toEqual(job);
    expect(await reopened.subscriptionsOf("telegram:1")).toEqual([{ ...sub, matchCount: 1 }]);
    expect(await reopened.getChat("telegram:1")).toEqual({ chat: "telegram:1", cursor: alerted.seq, paused: false });
    expect(await reopened.getChat("telegram:3")).toEqual({
      chat: "telegram:3",
      cursor: alerted.seq,
      paused: true,
      pausedReason: "blocked",
    });
    expect(await reopened.sourceStates()).toEqual([source]);
    expect(await reopened.pendingAlerts()).toEqual([alert]);
    expect((await reopened.addSubscription({ chat: "telegram:1", createdBy: "1", query: "go", createdAt: 3 })).id).toBe(
      "3",
    );
    await reopened.close();
  });

  it("keeps chat settings and subscriptions' own schedules across reopening", async () => {
    const dir = freshDir();
    const store = await open(dir);
    const sub = await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: 1 });
    const weekly = { every: "week", day: 5, at: 17 * 60 } as const;
    await store.setSubscriptionSchedule("telegram:1", sub.id, weekly);
    const settings = {
      timeZone: "Europe/Berlin",
      digest: { every: "day", at: 510 },
      quietHours: { from: 1320, to: 420 },
    } as const;
    await store.updateChatSettings("telegram:1", settings);
    await store.close();

    const reopened = await open(dir);
    expect(await reopened.getChat("telegram:1")).toEqual({ chat: "telegram:1", cursor: 0, paused: false, ...settings });
    expect(await reopened.subscriptionsOf("telegram:1")).toEqual([{ ...sub, schedule: weekly }]);
    await reopened.close();
  });

  it("starts empty when the files are missing, without writing until something changes", async () => {
    const counter = writeCounter();
    const store = await open(freshDir(), counter);
    expect(await store.countSubscriptions()).toBe(0);
    expect(counter.writes).toEqual([]);
    await store.close();
  });

  it.each([
    ["state.json", "truncated JSON", '{"version":1,"lastSeq":3,"chats":{', /state\.json is not valid JSON/],
    ["state.json", "an empty file", "", /state\.json is not valid JSON/],
    ["state.json", "null", "null", /state\.json is not what Jobhound stores/],
    [
      "state.json",
      "the wrong shape",
      JSON.stringify({ version: 1, lastSeq: "3", chats: [] }),
      /state\.json is not what Jobhound stores: lastSeq: .*chats: /,
    ],
    [
      "state.json",
      "a future version",
      JSON.stringify({ version: 2 }),
      /state\.json is not what Jobhound stores: version/,
    ],
    [
      "jobs.ndjson",
      "a truncated job line",
      '{"version":1}\n{"id":"remoteok:1","title":',
      /jobs\.ndjson line 2 is not valid JSON/,
    ],
    [
      "jobs.ndjson",
      "a job of the wrong shape",
      '{"version":1}\n{"id":"remoteok:1"}\n',
      /jobs\.ndjson line 2 is not what Jobhound stores: source/,
    ],
    ["jobs.ndjson", "nothing at all", "", /jobs\.ndjson is empty/],
    [
      "state.json",
      "a digest at 25:00",
      JSON.stringify({
        version: 1,
        lastSeq: 0,
        chats: { "telegram:1": { chat: "telegram:1", cursor: 0, paused: false, digest: { every: "day", at: 1500 } } },
        sources: {},
        outbox: [],
      }),
      /state\.json is not what Jobhound stores: chats\.telegram:1\.digest/,
    ],
    [
      "subscriptions.ndjson",
      "a bad header",
      '{"version":1}\n',
      /subscriptions\.ndjson line 1 is not what Jobhound stores: nextSubscriptionId/,
    ],
  ])("refuses %s holding %s, naming it, and leaves it byte for byte", async (name, _kind, content, problem) => {
    const dir = freshDir();
    await open(dir).then((store) => store.close()); // creates the directory
    const path = join(dir, name);
    await writeFile(path, content);

    const opening = open(dir);
    await expect(opening).rejects.toThrow(StoreLoadError);
    await expect(opening).rejects.toThrow(path);
    await expect(opening).rejects.toThrow(problem);
    expect(await readFile(path, "utf8")).toBe(content);
  });

  it("refuses jobs out of seq order", async () => {
    const dir = freshDir();
    const store = await open(dir);
    await store.commitCycle(makeCommit({ newJobs: [makeJob(), makeJob()] }));
    await store.close();
    const path = join(dir, STORE_FILES.jobs);
    const [header, ...lines] = (await readFile(path, "utf8")).trim().split("\n");
    const content = [header, ...lines.reverse()].join("\n");
    await writeFile(path, content);
    await expect(open(dir)).rejects.toThrow(/jobs\.ndjson line 3: jobs must be in increasing seq order/);
    expect(await readFile(path, "utf8")).toBe(content);
  });

  it("writes only the files a change touched, each once, state last", async () => {
    const dir = freshDir();
    const counter = writeCounter();
    const store = await open(dir, counter);
    const jobs = Array.from({ length: 500 }, () => makeJob());
    const alerts = jobs.slice(0, 50).map((job) => makeOutboxEntry({ jobIds: [job.id] }));
    await store.commitCycle(makeCommit({ newJobs: jobs, outbox: alerts }));
    expect(counter.writes).toEqual(["jobs.ndjson", "state.json"]);
    counter.writes.length = 0;
    await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: 1 });
    expect(counter.writes).toEqual(["subscriptions.ndjson", "state.json"]);
    counter.writes.length = 0;
    // A delivery appends to the outbox journal instead of rewriting state.json with the whole outbox.
    await store.removeAlerts(alerts.map((a) => a.id));
    expect(counter.writes).toEqual(["outbox.journal"]);
    await store.close();
    expect((await open(dir).then((s) => s.recentJobs())).length).toBe(500);
  });

  it("never writes state.json ahead of jobs.ndjson, even when a commit lands while a flush runs", async () => {
    const dir = freshDir();
    const [first, second] = [makeJob(), makeJob()];
    const violations: string[] = [];
    /** What a kill right now would leave: state.json must not describe jobs missing from jobs.ndjson. */
    const checkDisk = () => {
      const statePath = join(dir, STORE_FILES.state);
      if (!existsSync(statePath)) return;
      const state = readFileSync(statePath, "utf8");
      const jobs = readFileSync(join(dir, STORE_FILES.jobs), "utf8").trim().split("\n").slice(1);
      const lastJob = jobs.length === 0 ? 0 : (JSON.parse(jobs.at(-1) as string) as { seq: number }).seq;
      const { lastSeq } = JSON.parse(state) as { lastSeq: number };
      if (lastSeq > lastJob) violations.push(`state.json at seq ${lastSeq}, jobs.ndjson at ${lastJob}`);
    };
    let interleave = true;
    const store: Awaited<ReturnType<typeof open>> = await open(dir, {
      beforeWrite: (file) => {
        checkDisk();
        // Another source's commit arrives after the jobs write, as the state write is about to start.
        if (file === "state.json" && interleave) {
          interleave = false;
          void store.commitCycle(makeCommit({ newJobs: [second] }));
        }
      },
    });
    await store.commitCycle(makeCommit({ newJobs: [first] }));
    await store.close();
    checkDisk();
    expect(violations).toEqual([]);
    expect((await open(dir).then((s) => s.recentJobs())).map((j) => j.id)).toEqual([second.id, first.id]);
  });

  it("retries a failed write, keeps the previous file intact, and undoes the change when it keeps failing", async () => {
    const dir = freshDir();
    let failures = 0;
    const store = await open(dir, {
      beforeWrite: (file) => {
        if (file === "subscriptions.ndjson" && failures < 10) {
          failures += 1;
          throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
        }
      },
      retryDelaysMs: [1, 1],
    });
    await store.commitCycle(makeCommit({ newJobs: [makeJob()] }));
    const before = await readFile(join(dir, STORE_FILES.state), "utf8");

    await expect(
      store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: 1 }),
    ).rejects.toThrow(StoreWriteError);
    expect(failures).toBe(3);
    // state.json is the commit point: it must not be written past a file that failed.
    expect(await readFile(join(dir, STORE_FILES.state), "utf8")).toBe(before);
    expect(await store.subscriptionsOf("telegram:1")).toEqual([]);

    failures = 10; // the disk has room again: the next change is saved, the failed one never is
    await store.setPaused("telegram:9", true);
    await store.close();
    const reopened = await open(dir);
    expect(await reopened.subscriptionsOf("telegram:1")).toEqual([]);
    expect((await reopened.getChat("telegram:9"))?.paused).toBe(true);
  });

  it("drops jobs of a cycle whose commit did not reach state.json, so they are found again as new", async () => {
    const dir = freshDir();
    const store = await open(dir);
    const committed = makeJob();
    await store.commitCycle(makeCommit({ newJobs: [committed] }));
    await store.close();
    // A kill after jobs.ndjson was written but before state.json: the jobs file is ahead.
    const path = join(dir, STORE_FILES.jobs);
    await writeFile(path, `${await readFile(path, "utf8")}${JSON.stringify(makeJob({ seq: committed.seq + 1 }))}\n`);

    const reopened = await open(dir);
    expect((await reopened.recentJobs()).map((j) => j.id)).toEqual([committed.id]);
    expect(await reopened.lastSeq()).toBe(committed.seq);
  });

  it("saves what pruning remembers before deleting the jobs, so a kill between the two writes announces nothing again", async () => {
    const dir = freshDir();
    let killed = false;
    let writes = 0;
    const store = await open(dir, {
      beforeWrite: () => {
        if (killed && ++writes > 1) throw new Error("killed");
      },
    });
    const [old, fresh] = [makeJob({ firstSeenAt: T0 - DAY }), makeJob({ firstSeenAt: T0 })];
    await store.commitCycle(makeCommit({ newJobs: [old, fresh] }));
    killed = true; // pruning's first file write lands, its second never does
    await expect(store.pruneJobs(T0, T0 + DAY)).rejects.toThrow("killed");
    await store.close();

    const reopened = await open(dir);
    expect(await reopened.wasPruned(old)).toBe(true);
    expect(await reopened.pruneJobs(T0, T0 + DAY)).toBe(1);
    await reopened.close();
    const again = await open(dir);
    expect(await again.recentJobs()).toEqual([fresh]);
    expect(await again.wasPruned(old)).toBe(true);
  });

  it("deletes temp files a kill left behind, and leaves none after writing", async () => {
    const dir = freshDir();
    await open(dir).then((store) => store.close()); // creates the directory
    const leftovers = [
      "jobs.ndjson.tmp",
      "jobs.ndjson.4242.tmp",
      "subscriptions.ndjson.tmp",
      "subscriptions.ndjson.77.tmp",
    ];
    await Promise.all([...leftovers, "notes.tmp"].map((name) => writeFile(join(dir, name), "half a file")));
    const store = await open(dir);
    await store.commitCycle(makeCommit({ newJobs: [makeJob()] }));
    await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: 1 });
    await store.close();
    expect((await readdir(dir)).sort()).toEqual(
      [STORE_FILES.jobs, "notes.tmp", STORE_FILES.state, STORE_FILES.subscriptions].sort(),
    );
  });

  it("gives a subscription saved without its chat state one, so the chat gets alerts", async () => {
    const dir = freshDir();
    const store = await open(dir);
    await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: 1 });
    await store.close();
    await writeFile(
      join(dir, STORE_FILES.state),
      JSON.stringify({ version: 1, lastSeq: 0, chats: {}, sources: {}, outbox: [] }),
    );
    const reopened = await open(dir);
    expect(await reopened.getChat("telegram:1")).toEqual({ chat: "telegram:1", cursor: 0, paused: false });
  });

  it("lets close() finish a write in progress", async () => {
    const dir = freshDir();
    const store = await open(dir);
    const job = makeJob();
    const committing = store.commitCycle(makeCommit({ newJobs: [job] }));
    await store.close();
    const saved = (await readFile(join(dir, STORE_FILES.jobs), "utf8")).trim().split("\n").slice(1);
    expect(saved.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([job.id]);
    await committing;
  });
});
