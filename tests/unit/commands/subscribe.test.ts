import { describe, expect, it } from "vitest";
import { defaultSettings, type CommandContext } from "../../../commands/command.js";
import { runCommand } from "../../../commands/run.js";
import { subscribe } from "../../../commands/subscribe.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { Reply } from "../../../src/core/reply.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { fixedClock } from "../../fakes/clock.js";

const CHAT = "telegram:1";

function harness(settings = defaultSettings) {
  const store = memoryStore();
  const run = (args: string): Promise<Reply> => {
    const ctx: CommandContext = {
      chat: CHAT,
      user: "1",
      args,
      page: 0,
      store,
      clock: fixedClock(),
      log: silentLogger,
      sources: [],
      settings,
    };
    return runCommand(subscribe, ctx);
  };
  return { store, run };
}

const text = (reply: Reply) => JSON.stringify(reply.blocks);

describe("/subscribe", () => {
  it("shows usage with examples when the query is empty, and stores nothing", async () => {
    const { store, run } = harness();
    expect(text(await run("  "))).toContain("Tell me what to look for");
    expect(await store.countSubscriptions()).toBe(0);
  });

  it("refuses the same query twice in one chat, however it is spaced or capitalised", async () => {
    const { store, run } = harness();
    await run("rust remote");
    expect(text(await run("Rust   REMOTE"))).toContain("already has that subscription (#1)");
    expect(await store.countSubscriptions()).toBe(1);
  });

  it("refuses a subscription over the chat's limit, saying what to do", async () => {
    const { store, run } = harness({ ...defaultSettings, maxSubscriptionsPerChat: 2 });
    await run("rust");
    await run("go");
    expect(text(await run("python"))).toContain("the limit is 2. Remove one with /unsubscribe first");
    expect(await store.countSubscriptions()).toBe(2);
  });

  it("says how many jobs of the retention window match, in the configured window", async () => {
    const { run } = harness({ ...defaultSettings, retentionDays: 7 });
    expect(text(await run("rust"))).toContain("0 of the jobs seen in the last 7 days match it");
  });

  it("refuses a query hiding a zero-width joiner with the same answer as the other invisible characters", async () => {
    const { store, run } = harness();
    const joined = text(await run("go\u200dlang"));
    expect(joined).toContain("Invisible character U+200D");
    for (const [char, code] of [
      ["\u200b", "200B"],
      ["\u200c", "200C"],
      ["\u2060", "2060"],
      ["\ufeff", "FEFF"],
    ]) {
      expect(text(await run(`go${char}lang`))).toBe(joined.replace("U+200D", `U+${code}`));
    }
    expect(await store.countSubscriptions()).toBe(0);
  });
});
