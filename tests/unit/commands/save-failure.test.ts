/**
 * A command whose save fails (read-only data folder) is answered plainly and changes nothing, in
 * memory or later: finding 6 of issue 14, where the change stayed in memory and a later save wrote it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSettings, type Command, type CommandContext } from "../../../commands/command.js";
import { pause } from "../../../commands/pause.js";
import { runCommand, SAVE_FAILED } from "../../../commands/run.js";
import { subscribe } from "../../../commands/subscribe.js";
import { unsubscribe } from "../../../commands/unsubscribe.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { Reply } from "../../../src/core/reply.js";
import { openFilesStore } from "../../../src/store/files-store.js";
import type { Store } from "../../../src/store/store.js";
import { fixedClock } from "../../fakes/clock.js";
import { faultyFileSystem } from "../../fakes/faulty-fs.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "jobhound-save-failure-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const CHAT = "telegram:1";
const text = (reply: Reply) => JSON.stringify(reply.blocks);

function runner(store: Store) {
  return (command: Command, args = ""): Promise<Reply> => {
    const ctx: CommandContext = {
      chat: CHAT,
      user: "1",
      args,
      page: 0,
      store,
      clock: fixedClock(),
      log: silentLogger,
      sources: [],
      settings: defaultSettings,
    };
    return runCommand(command, ctx);
  };
}

const EVERY_FILE = ["jobs.ndjson", "subscriptions.ndjson", "state.json", "outbox.journal"];

describe("a command whose save fails", () => {
  it.each([
    ["/subscribe", subscribe, "go"],
    ["/unsubscribe", unsubscribe, "1"],
    ["/pause", pause, ""],
  ])("%s answers that nothing was changed, and nothing is, now or after later saves", async (_name, command, args) => {
    const dir = join(root, _name.slice(1));
    const fs = faultyFileSystem();
    const open = () => openFilesStore(dir, { log: silentLogger, fs, retryDelaysMs: [1], recheckMs: 60_000 });
    const store = await open();
    const run = runner(store);
    await run(subscribe, "rust");
    const before = { subscriptions: await store.subscriptionsOf(CHAT), chat: await store.getChat(CHAT) };

    fs.fault = { files: EVERY_FILE, code: "EROFS" };
    const reply = await run(command, args);
    expect(text(reply)).toContain(SAVE_FAILED);
    expect({ subscriptions: await store.subscriptionsOf(CHAT), chat: await store.getChat(CHAT) }).toEqual(before);

    // The disk is writable again: a later save (another chat subscribing) must not carry the refused change.
    fs.fault = undefined;
    await store.addSubscription({ chat: "telegram:2", createdBy: "2", query: "go", createdAt: 1 });
    await store.close();
    const reopened = await open();
    expect({ subscriptions: await reopened.subscriptionsOf(CHAT), chat: await reopened.getChat(CHAT) }).toEqual(before);
  });
});
