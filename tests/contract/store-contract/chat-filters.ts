/** The store contract: muted companies, hidden jobs and saved jobs (issue #18). */
import { expect, it } from "vitest";
import { savedJobOf } from "../../../src/core/chat-filters.js";
import { makeJob } from "../../fakes/builders.js";
import { ALICE, BOB, GROUP, storeJobs, subscribe, type OpenStore } from "./fixture.js";

export function chatFilterContract(open: OpenStore): void {
  it("mutes a company once whatever its spelling, and unmutes it by another spelling", async () => {
    const store = await open();
    expect(await store.updateChatFilters(GROUP, { kind: "mute", company: "Acme, Inc." })).toBe(true);
    expect(await store.updateChatFilters(GROUP, { kind: "mute", company: "ACME" })).toBe(false);
    expect((await store.getChat(GROUP))?.mutedCompanies).toEqual(["Acme, Inc."]);
    expect(await store.updateChatFilters(GROUP, { kind: "unmute", company: "acme" })).toBe(true);
    expect(await store.updateChatFilters(GROUP, { kind: "unmute", company: "acme" })).toBe(false);
    expect((await store.getChat(GROUP))?.mutedCompanies).toEqual([]);
  });

  it("creates a chat's state for its first mute with the cursor at lastSeq, and keeps an existing one's", async () => {
    const store = await open();
    const job = makeJob();
    await storeJobs(store, job);
    await store.updateChatFilters(BOB, { kind: "hide", fingerprint: job.fingerprint });
    expect(await store.getChat(BOB)).toEqual({
      chat: BOB,
      cursor: job.seq,
      paused: false,
      hiddenJobs: [job.fingerprint],
    });
    await subscribe(store, ALICE);
    await store.setPaused(ALICE, true);
    await store.updateChatFilters(ALICE, { kind: "mute", company: "Initech" });
    expect(await store.getChat(ALICE)).toMatchObject({ paused: true, mutedCompanies: ["Initech"] });
  });

  it("hides a job by fingerprint once, in that chat only", async () => {
    const store = await open();
    expect(await store.updateChatFilters(ALICE, { kind: "hide", fingerprint: "acme|rust engineer" })).toBe(true);
    expect(await store.updateChatFilters(ALICE, { kind: "hide", fingerprint: "acme|rust engineer" })).toBe(false);
    expect((await store.getChat(ALICE))?.hiddenJobs).toEqual(["acme|rust engineer"]);
    expect(await store.getChat(BOB)).toBeUndefined();
  });

  it("saves a job once for a person, newest last, and unsaves it", async () => {
    const store = await open();
    const [first, second] = [makeJob(), makeJob()];
    expect(await store.saveJob(ALICE, savedJobOf(first, 1))).toBe(true);
    expect(await store.saveJob(ALICE, savedJobOf(second, 2))).toBe(true);
    expect(await store.saveJob(ALICE, savedJobOf(first, 3))).toBe(false);
    expect((await store.getChat(ALICE))?.saved).toEqual([savedJobOf(first, 1), savedJobOf(second, 2)]);
    expect(await store.unsaveJob(ALICE, first.id)).toBe(true);
    expect(await store.unsaveJob(ALICE, first.id)).toBe(false);
    expect((await store.getChat(ALICE))?.saved).toEqual([savedJobOf(second, 2)]);
    expect(await store.getChat(BOB)).toBeUndefined();
  });

  it("keeps mutes, hides and saved jobs when the chat moves", async () => {
    const store = await open();
    await subscribe(store, GROUP);
    await store.updateChatFilters(GROUP, { kind: "mute", company: "Acme" });
    await store.moveChat(GROUP, BOB);
    expect((await store.getChat(BOB))?.mutedCompanies).toEqual(["Acme"]);
  });

  it("stores a job's closedAt and hands it back", async () => {
    const store = await open();
    const job = makeJob({ closedAt: 1234 });
    await storeJobs(store, job);
    expect((await store.getJob(job.id))?.closedAt).toBe(1234);
  });
}
