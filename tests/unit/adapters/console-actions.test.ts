import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { defaultSettings, type SharedContext } from "../../../commands/command.js";
import { CONSOLE_CHAT, consoleAdapter } from "../../../src/adapters/console/console.js";
import { silentLogger } from "../../../src/core/logger.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { makeCommit, makeJob } from "../../fakes/builders.js";
import { fixedClock } from "../../fakes/clock.js";

/** A console that was sent these jobs as two alerts (one single, one grouped), then given these lines. */
async function consoleSession(lines: string[]) {
  const store = memoryStore();
  const [acme, initech, globex] = [
    makeJob({ title: "Senior Rust Engineer", company: "Acme" }),
    makeJob({ title: "Go developer", company: "Initech" }),
    makeJob({ title: "Python developer", company: "Globex" }),
  ] as const;
  await store.commitCycle(makeCommit({ newJobs: [acme, initech, globex] }));
  const context: SharedContext = {
    store,
    clock: fixedClock(),
    log: silentLogger,
    sources: [],
    settings: defaultSettings,
  };
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  const adapter = consoleAdapter(input, output, context);
  const item = (job: typeof acme) => ({ job, matches: [{ subscriptionId: "1", query: "q", words: [] }] });
  await adapter.transport.send({ chat: CONSOLE_CHAT, items: [item(acme)] });
  await adapter.transport.send({ chat: CONSOLE_CHAT, items: [item(initech), item(globex)] });
  input.end(lines.map((line) => `${line}\n`).join(""));
  await adapter.closed;
  return { store, printed, jobs: { acme, initech, globex } };
}

describe("numbered actions in the terminal", () => {
  it("numbers every alerted job, and shows the level when the title states one", async () => {
    const { printed } = await consoleSession([]);
    expect(printed).toContain("🔔 [1] New job: Senior Rust Engineer — Acme\n  Anywhere in the World · senior ·");
    expect(printed).toContain("[2] • Go developer — Initech");
    expect(printed).toContain("[3] • Python developer — Globex");
  });

  it("/save 1, /hide 2 and /mute 3 act on those alerts' jobs", async () => {
    const { store, printed, jobs } = await consoleSession(["/save 1", "/hide 2", "/mute 3", "/saved"]);
    expect(printed).toContain("Saved ✓");
    const state = await store.getChat(CONSOLE_CHAT);
    expect(state?.saved?.map((s) => s.jobId)).toEqual([jobs.acme.id]);
    expect(state?.hiddenJobs).toEqual([jobs.initech.fingerprint]);
    expect(state?.mutedCompanies).toEqual(["Globex"]);
    expect(printed).toContain(`1. Senior Rust Engineer — Acme (${jobs.acme.url})`);
  });

  it("answers a number no alert had, and keeps /mute <company> as the command", async () => {
    const { store, printed } = await consoleSession(["/save 9", "/mute Umbrella Corp"]);
    expect(printed).toContain("There is no alert [9] in this session.");
    expect((await store.getChat(CONSOLE_CHAT))?.mutedCompanies).toEqual(["Umbrella Corp"]);
  });
});
