import { describe, expect, it } from "vitest";
import { savedJobOf } from "../../../src/core/chat-filters.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { makeCommit, makeJob, T0 } from "../../fakes/builders.js";
import { fixedClock } from "../../fakes/clock.js";
import { runNamed } from "../../fakes/run-command.js";

const PRIVATE = "telegram:7";
const GROUP = "telegram:-100";

describe("/saved and /unsave", () => {
  it("lists saved jobs newest first, paged, each with its link, and says closed once its board stopped listing it", async () => {
    const store = memoryStore();
    const jobs = Array.from({ length: 7 }, (_, i) => makeJob({ title: `Job ${i + 1}`, company: "Acme" }));
    await store.commitCycle(makeCommit({ newJobs: jobs }));
    for (const [i, job] of jobs.entries()) await store.saveJob(PRIVATE, savedJobOf(job, T0 + i));
    const closed = { ...(jobs[6] ?? makeJob()), closedAt: T0 };
    await store.commitCycle(makeCommit({ updatedJobs: [closed] }));
    const first = await runNamed("saved", { store, chat: PRIVATE, user: "7" });
    expect(first).toContain("page 1 of 2");
    expect(first.indexOf("Job 7")).toBeLessThan(first.indexOf("Job 6"));
    expect(first).toMatch(/1\. Job 7 — Acme \(https:[^)]+\) · saved [^\n]* · closed/);
    expect(first).not.toMatch(/Job 6[^\n]*closed/);
    expect(await runNamed("saved", { store, chat: PRIVATE, user: "7", page: 1 })).toContain("6. Job 2");
    // From a group, the person's own list (their private chat's) is shown.
    expect(await runNamed("saved", { store, chat: GROUP, user: "7" })).toContain("Job 7");
    expect(await runNamed("unsave", { store, chat: PRIVATE, user: "7", args: "1" })).toContain('Removed "Job 7');
    expect(await runNamed("unsave", { store, chat: PRIVATE, user: "7", args: "9" })).toContain("no saved job 9");
    expect(await runNamed("unsave", { store, chat: PRIVATE, user: "7", args: "x" })).toContain("Which one?");
    expect((await store.getChat(PRIVATE))?.saved).toHaveLength(6);
  });
});

describe("/mute, /unmute and /muted", () => {
  it("mutes by name, compares names the way the fingerprint does, and lists and unmutes them", async () => {
    const store = memoryStore();
    const clock = fixedClock();
    expect(await runNamed("muted", { store, chat: GROUP })).toContain("No company is muted");
    expect(await runNamed("mute", { store, chat: GROUP, args: "  Acme,   Inc. ", clock })).toContain(
      "Muted Acme, Inc.",
    );
    expect(await runNamed("mute", { store, chat: GROUP, args: "ACME" })).toContain("already muted");
    expect(await runNamed("muted", { store, chat: GROUP })).toContain("• Acme, Inc.");
    expect(await runNamed("unmute", { store, chat: GROUP, args: "initech" })).toContain("not muted");
    expect(await runNamed("unmute", { store, chat: GROUP, args: "acme" })).toContain("Unmuted Acme, Inc.");
    expect((await store.getChat(GROUP))?.mutedCompanies).toEqual([]);
    expect(await runNamed("mute", { store, chat: GROUP, args: "--" })).toContain("Which company?");
  });
});
