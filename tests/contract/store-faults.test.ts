/**
 * A full or read-only disk, and short writes, on every file of the store on disk, injected through
 * the store's file-system seam (tests/fakes/faulty-fs.ts): the previous file stays intact, the
 * change is undone in memory and answered with a StoreWriteError, the store keeps working, and
 * the same change succeeds once the disk has room again.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreWriteError } from "../../src/core/errors.js";
import { silentLogger } from "../../src/core/logger.js";
import { openFilesStore, type WriteOutcome } from "../../src/store/files-store.js";
import type { Store } from "../../src/store/store.js";
import { makeCommit, makeJob, makeOutboxEntry } from "../fakes/builders.js";
import { faultyFileSystem, type Fault } from "../fakes/faulty-fs.js";

let root: string;
let dirs = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "jobhound-faults-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const FILES = ["jobs.ndjson", "subscriptions.ndjson", "state.json", "outbox.journal"];

/** `recheckMs`: how soon the store retries a failed write by itself (long, unless the test waits for it). */
async function setUp(recheckMs = 60_000) {
  const dir = join(root, `store-${++dirs}`);
  const fs = faultyFileSystem();
  const outcomes: WriteOutcome[] = [];
  const open = () =>
    openFilesStore(dir, {
      log: silentLogger,
      fs,
      retryDelaysMs: [1],
      recheckMs,
      onWriteOutcome: (outcome) => outcomes.push(outcome),
    });
  const store = await open();
  const job = makeJob();
  const alerts = [makeOutboxEntry({ chat: "telegram:1", jobIds: [job.id] }), makeOutboxEntry({ chat: "telegram:1" })];
  await store.commitCycle(makeCommit({ newJobs: [job], outbox: alerts }));
  await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: 1 });
  // One delivery already in the journal, so a failing append has lines to tear after.
  await store.removeAlerts([alerts[0]?.id ?? ""]);
  return { dir, fs, store, open, outcomes, alert: alerts[1] as ReturnType<typeof makeOutboxEntry> };
}

async function snapshot(dir: string): Promise<Record<string, string | null>> {
  const files: Record<string, string | null> = {};
  for (const file of FILES) {
    const path = join(dir, file);
    files[file] = existsSync(path) ? await readFile(path, "utf8") : null;
  }
  return files;
}

/** What a reader of the store can see, to compare before and after a failed change. */
async function view(store: Store) {
  return {
    jobs: await store.recentJobs(),
    lastSeq: await store.lastSeq(),
    subscriptions: await store.subscriptionsOf("telegram:1"),
    chat: await store.getChat("telegram:1"),
    outbox: await store.pendingAlerts(),
  };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

const changes: { file: string; faulty: string[]; name: string; change: (s: Setup) => Promise<unknown> }[] = [
  {
    file: "jobs.ndjson",
    faulty: ["jobs.ndjson"],
    name: "a cycle commit",
    change: ({ store }) => store.commitCycle(makeCommit({ newJobs: [sameNewJob] })),
  },
  {
    file: "subscriptions.ndjson",
    faulty: ["subscriptions.ndjson"],
    name: "a subscription",
    change: ({ store }) => store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "go", createdAt: 2 }),
  },
  {
    file: "state.json",
    faulty: ["state.json"],
    name: "a pause",
    change: ({ store }) => store.setPaused("telegram:1", true, "blocked"),
  },
  {
    file: "outbox.journal",
    faulty: ["outbox.journal", "state.json"],
    name: "a delivery",
    change: ({ store, alert }) => store.removeAlerts([alert.id]),
  },
];
const sameNewJob = makeJob({ seq: 1_000_000 });

const faults: [string, (files: string[]) => Fault][] = [
  ["ENOSPC after a few bytes", (files) => ({ files, code: "ENOSPC", afterBytes: 20 })],
  ["ENOSPC at once", (files) => ({ files, code: "ENOSPC", afterBytes: 0 })],
  ["EROFS", (files) => ({ files, code: "EROFS" })],
];

describe("a store file that cannot be written", () => {
  for (const { file, faulty, name, change } of changes) {
    for (const [faultName, fault] of faults) {
      it(`${file}, ${faultName}: ${name} fails whole, the previous file stays, and it succeeds once retried`, async () => {
        const setup = await setUp();
        const { dir, fs, store, open, outcomes } = setup;
        const before = await snapshot(dir);
        const seen = await view(store);

        fs.fault = fault(faulty);
        await expect(change(setup)).rejects.toThrow(StoreWriteError);
        expect(outcomes.at(-1)).toMatchObject({ ok: false });
        expect(await view(store)).toEqual(seen); // nothing changed in memory
        const after = await snapshot(dir);
        for (const name of FILES.filter((f) => f !== "outbox.journal")) expect(after[name]).toBe(before[name]);
        // No temp file is left behind.
        expect(existsSync(join(dir, `${file}.tmp`))).toBe(false);

        // The store keeps working once the disk has room, and the same change goes through.
        fs.fault = undefined;
        await change(setup);
        const changed = await view(store);
        expect(changed).not.toEqual(seen);
        await store.close();
        expect(await view(await open())).toEqual(changed);
      });
    }
  }

  it("never saves a change whose save failed, even once the disk has room again", async () => {
    const setup = await setUp(5);
    const { fs, store, open, outcomes } = setup;
    const seen = await view(store);
    // subscriptions.ndjson is written, then state.json fails: the file ahead must be put back.
    fs.fault = { files: ["state.json"], code: "ENOSPC", afterBytes: 0 };
    await expect(
      store.addSubscription({ chat: "telegram:7", createdBy: "7", query: "go", createdAt: 2 }),
    ).rejects.toThrow(StoreWriteError);
    fs.fault = undefined;
    // The store retries by itself and reports the disk healthy again.
    await expect.poll(() => outcomes.at(-1)).toEqual({ ok: true });
    await store.close();
    const reopened = await open();
    expect(await view(reopened)).toEqual(seen);
    expect(await reopened.subscriptionsOf("telegram:7")).toEqual([]);
  });

  it("a delivery whose journal append fails is saved by a state write instead", async () => {
    const setup = await setUp();
    const { fs, store, open, alert } = setup;
    fs.fault = { files: ["outbox.journal"], code: "ENOSPC", afterBytes: 5 };
    await store.removeAlerts([alert.id]);
    fs.fault = undefined;
    await store.close();
    expect(await (await open()).pendingAlerts()).toEqual([]);
  });

  it("writes every file whole when the file system writes a few bytes at a time", async () => {
    const { fs, store, open, alert } = await setUp();
    fs.maxBytesPerWrite = 7;
    await store.commitCycle(makeCommit({ newJobs: [makeJob()] }));
    await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "go", createdAt: 2 });
    await store.updateAlerts([{ ...alert, attempts: 1 }]);
    const seen = await view(store);
    await store.close();
    expect(await view(await open())).toEqual(seen);
  });
});
