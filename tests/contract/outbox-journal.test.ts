/**
 * Deliveries are appended to outbox.journal instead of rewriting state.json: they survive a
 * restart, a journal already folded into state.json is not applied again, and a line torn by a
 * kill is ignored.
 */
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../src/core/alert.js";
import { silentLogger } from "../../src/core/logger.js";
import { openFilesStore } from "../../src/store/files-store.js";
import { JOURNAL_FILE } from "../../src/store/outbox-journal.js";
import { makeCommit, makeJob, makeOutboxEntry } from "../fakes/builders.js";

let root: string;
let dirs = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "jobhound-journal-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function seeded() {
  const dir = join(root, `store-${++dirs}`);
  const open = () => openFilesStore(dir, { log: silentLogger });
  const store = await open();
  const job = makeJob();
  const alerts = [1, 2, 3].map(() => makeOutboxEntry({ jobIds: [job.id] }));
  await store.commitCycle(makeCommit({ newJobs: [job], outbox: alerts }));
  return { dir, open, store, alerts };
}

describe("the outbox journal", () => {
  it("keeps deliveries across a restart without rewriting state.json", async () => {
    const { dir, open, store, alerts } = await seeded();
    const [sent, retried, kept] = alerts as [OutboxEntry, OutboxEntry, OutboxEntry];
    const state = await readFile(join(dir, "state.json"), "utf8");
    await store.removeAlerts([sent.id]);
    await store.updateAlerts([{ ...retried, attempts: 2, nextAttemptAt: 99 }]);
    expect(await readFile(join(dir, "state.json"), "utf8")).toBe(state);
    await store.close();
    const reopened = await open();
    expect(await reopened.pendingAlerts()).toEqual([{ ...retried, attempts: 2, nextAttemptAt: 99 }, kept]);
  });

  it("is folded into state.json by the next state write and not applied again", async () => {
    const { open, store, alerts } = await seeded();
    const first = alerts[0] as OutboxEntry;
    await store.updateAlerts([{ ...first, attempts: 1 }]);
    // A state write (a command) folds the journal in; then the chat moves, changing the entries again.
    await store.moveChat(first.chat, "telegram:99");
    await store.close();
    const reopened = await open();
    const pending = await reopened.pendingAlerts();
    expect(pending.map((entry) => entry.chat)).toEqual(["telegram:99", "telegram:99", "telegram:99"]);
    expect(pending[0]?.attempts).toBe(1);
  });

  it("ignores a last line torn by a kill", async () => {
    const { dir, open, store, alerts } = await seeded();
    await store.removeAlerts([alerts[0]?.id ?? ""]);
    await store.close();
    await appendFile(join(dir, JOURNAL_FILE), '{"remove":["' + (alerts[1]?.id ?? "") + '"');
    const reopened = await open();
    expect((await reopened.pendingAlerts()).map((entry) => entry.id)).toEqual(alerts.slice(1).map((a) => a.id));
  });
});
