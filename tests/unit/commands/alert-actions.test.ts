import { describe, expect, it } from "vitest";
import { alertButtons, runAlertAction, type AlertActionContext } from "../../../commands/alert-actions.js";
import { alertActionCodec } from "../../../src/core/alert-action-payload.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import type { Store } from "../../../src/store/store.js";
import { makeCommit, makeJob } from "../../fakes/builders.js";
import { fixedClock } from "../../fakes/clock.js";
import { runNamed } from "../../fakes/run-command.js";

const PRIVATE = "telegram:7";
const GROUP = "telegram:-100";
const codec = alertActionCodec("a secret of this installation");

async function storeWithJob() {
  const store = memoryStore();
  const job = makeJob({ title: "Rust engineer", company: "Acme" });
  await store.commitCycle(makeCommit({ newJobs: [job] }));
  return { store, job };
}

function tap(store: Store, chat: string, payload: string, more: Partial<AlertActionContext> = {}) {
  return runAlertAction({
    chat,
    user: "7",
    isPrivate: chat === PRIVATE,
    isAdmin: false,
    // A person's private chat on Telegram has their user id.
    owner: PRIVATE,
    payload,
    codec,
    store,
    clock: fixedClock(),
    ...more,
  });
}

/** Everything a tap could change, to compare before and after. */
async function snapshot(store: Store) {
  return JSON.stringify([await store.getChat(PRIVATE), await store.getChat(GROUP)]);
}

describe("the alert action payload", () => {
  it("fits Telegram's 64-byte callback_data and Discord's 100-character custom_id", () => {
    const payload = codec.encode("discord:channel:123456789012345678", {
      action: "unsave",
      seq: Number.MAX_SAFE_INTEGER,
    });
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(64);
  });

  it("decodes what it encoded for the same chat, and nothing else", () => {
    const payload = codec.encode(PRIVATE, { action: "mute", seq: 42 });
    expect(codec.decode(PRIVATE, payload)).toEqual({ ok: true, action: "mute", seq: 42 });
    expect(codec.decode(GROUP, payload)).toEqual({ ok: false, reason: "foreign" });
    expect(alertActionCodec("another installation's secret").decode(PRIVATE, payload).ok).toBe(false);
    for (const bad of ["", "a1:s:1", "a2:s:1:AAAAAAAAAAA", "a1:x:1:AAAAAAAAAAA", `${payload}x`, "a1:s:0:AAAAAAAAAAA"])
      expect(codec.decode(PRIVATE, bad)).toEqual({ ok: false, reason: "malformed" });
    // The seq edited to another job's: the mac no longer fits.
    expect(codec.decode(PRIVATE, payload.replace(":16:", ":17:")).ok).toBe(false);
  });
});

describe("runAlertAction", () => {
  it("Save in a private chat keeps the job, answers Saved ✓ and turns the button into Unsave", async () => {
    const { store, job } = await storeWithJob();
    const result = await tap(store, PRIVATE, codec.encode(PRIVATE, { action: "save", seq: job.seq }));
    expect(result).toMatchObject({ changed: true, edit: { note: "Saved ✓" } });
    expect(result.edit?.buttons.map((b) => b.label)).toEqual(["Unsave", "Hide", "Mute company"]);
    expect(await runNamed("saved", { store, chat: PRIVATE, user: "7" })).toContain(`Rust engineer — Acme (${job.url})`);
    const unsave = result.edit?.buttons[0]?.payload ?? "";
    expect((await tap(store, PRIVATE, unsave)).changed).toBe(true);
    expect(await runNamed("saved", { store, chat: PRIVATE, user: "7" })).toContain("no saved jobs");
  });

  it("Save in a group keeps the job for the person who tapped, in their private chat, and leaves the alert alone", async () => {
    const { store, job } = await storeWithJob();
    const result = await tap(store, GROUP, codec.encode(GROUP, { action: "save", seq: job.seq }));
    expect(result.changed).toBe(true);
    expect(result.edit).toBeUndefined();
    expect((await store.getChat(PRIVATE))?.saved?.map((s) => s.jobId)).toEqual([job.id]);
    expect((await store.getChat(GROUP))?.saved).toBeUndefined();
  });

  it("Hide and Mute in a group are for its admins only", async () => {
    const { store, job } = await storeWithJob();
    const mute = codec.encode(GROUP, { action: "mute", seq: job.seq });
    const before = await snapshot(store);
    const refused = await tap(store, GROUP, mute);
    expect(refused.answer).toContain("admins");
    expect(await snapshot(store)).toBe(before);
    const done = await tap(store, GROUP, mute, { isAdmin: true });
    expect(done).toMatchObject({ changed: true, edit: { note: "Acme muted ✓", buttons: [] } });
    expect((await store.getChat(GROUP))?.mutedCompanies).toEqual(["Acme"]);
    const hide = await tap(store, GROUP, codec.encode(GROUP, { action: "hide", seq: job.seq }), { isAdmin: true });
    expect(hide.changed).toBe(true);
    expect((await store.getChat(GROUP))?.hiddenJobs).toEqual([job.fingerprint]);
  });

  it("refuses a payload replayed from another chat, a forged one and one naming a pruned job, changing nothing", async () => {
    const { store, job } = await storeWithJob();
    const before = await snapshot(store);
    const fromGroup = codec.encode(GROUP, { action: "save", seq: job.seq });
    expect((await tap(store, PRIVATE, fromGroup)).answer).toContain("another chat");
    expect((await tap(store, PRIVATE, "a1:s:1:forgedforge")).answer).toMatch(/another chat|not one of mine/);
    expect((await tap(store, PRIVATE, "save this job please")).answer).toContain("not one of mine");
    await store.pruneJobs(job.firstSeenAt + 1, job.firstSeenAt + 1);
    const pruned = await tap(store, PRIVATE, codec.encode(PRIVATE, { action: "save", seq: job.seq }));
    expect(pruned).toEqual({ answer: expect.stringContaining("no longer stored"), changed: false });
    expect(await snapshot(store)).toBe(before);
  });

  it("offers Save, Hide and Mute company under a new alert", () => {
    const buttons = alertButtons(codec, GROUP, { seq: 5 });
    expect(buttons.map((b) => [b.action, b.label])).toEqual([
      ["save", "Save"],
      ["hide", "Hide"],
      ["mute", "Mute company"],
    ]);
    expect(buttons.every((b) => codec.decode(GROUP, b.payload).ok)).toBe(true);
  });
});
