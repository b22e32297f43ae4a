/**
 * Taps on an alert's buttons in the Telegram adapter (issue #18): the real bot on the fake Bot API
 * over a memory store. Alerts go out through the adapter's own transport; a tap comes back as a
 * callback query carrying the alert's text, entities and keyboard, as Telegram sends it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Alert } from "../../../../src/core/alert.js";
import type { Job } from "../../../../src/core/job.js";
import { failures, once, type StoredMessage } from "../../../fakes/fake-bot-api.js";
import { makeCommit, makeJob } from "../../../fakes/builders.js";
import { person, privateChat, supergroup } from "../../../fakes/telegram-updates.js";
import { startHarness, type Harness } from "./harness.js";

const alice = person(1, "Alice");
const aliceChat = privateChat(1, "Alice");
const bob = person(2, "Bob");
const bobChat = privateChat(2, "Bob");
const admin = person(3, "Ada");
const member = person(4, "Max");
const team = supergroup(-100900, "Team");

const alertTo = (chat: number, ...jobs: Job[]): Alert => ({
  chat: `telegram:${chat}`,
  items: jobs.map((job) => ({ job, matches: [{ subscriptionId: "1", query: "rust", words: ["rust"] }] })),
});

const labels = (message: StoredMessage | undefined) =>
  message?.reply_markup?.inline_keyboard.map((row) => row.map((b) => b.text));
const payload = (message: StoredMessage | undefined, label: string): string => {
  const found = message?.reply_markup?.inline_keyboard.flat().find((b) => b.text === label)?.callback_data;
  if (!found) throw new Error(`no ${label} button on: ${message?.text}`);
  return found;
};

describe("alert buttons on Telegram", () => {
  let h: Harness;
  let rust: Job;
  let go: Job;
  let zig: Job;
  beforeEach(async () => {
    h = await startHarness();
    [rust, go, zig] = [
      makeJob({ title: "Rust engineer", company: "Ferrous" }),
      makeJob({ title: "Go engineer", company: "Gopher Inc" }),
      makeJob({ title: "Zig engineer", company: "Ziglang" }),
    ] as [Job, Job, Job];
    await h.store.commitCycle(makeCommit({ newJobs: [rust, go, zig] }));
    for (const [chat, who, status] of [
      [team, admin, "administrator"],
      [team, member, "member"],
    ] as const)
      h.api.setMemberStatus(chat.id, who.id, status);
    for (const chat of [aliceChat, bobChat, team]) h.api.addChat(chat);
  });
  afterEach(() => h.stop());

  async function alert(chat: number, ...jobs: Job[]): Promise<StoredMessage> {
    const before = h.api.messages(chat).length;
    await h.telegram.transport.send(alertTo(chat, ...jobs));
    return h.api.messages(chat)[before] as StoredMessage;
  }

  /** Taps and resolves with the answer shown, once the tap is answered and handled. */
  async function tap(message: StoredMessage, data: string, from = alice): Promise<string> {
    const id = h.api.press(message, data, from);
    await h.api.waitFor("the tap answered", () => h.api.answered(id), 5_000);
    // The edit follows the answer: a probe message is handled only after it.
    await h.settle(aliceChat, alice);
    const answer = h.api.calls("answerCallbackQuery").find((c) => c.params.callback_query_id === id);
    return String(answer?.params.text ?? "");
  }

  it("puts Save, Hide and Mute company under a single alert, below its Apply button", async () => {
    const message = await alert(aliceChat.id, rust);
    expect(labels(message)).toEqual([["Apply on test ↗"], ["Save", "Hide", "Mute company"]]);
    expect(h.api.violations).toEqual([]);
  });

  it("saves on Save: answers, keeps the job in /saved, and edits the alert to Saved ✓ with Unsave", async () => {
    const message = await alert(aliceChat.id, rust);
    const formatting = message.entities;
    expect(await tap(message, payload(message, "Save"))).toContain("Saved ✓");
    expect((await h.store.getChat("telegram:1"))?.saved?.map((s) => s.url)).toEqual([rust.url]);
    expect(message.text).toMatch(/\n\n📌 Saved ✓$/u);
    expect(message.entities).toEqual(formatting);
    expect(labels(message)).toEqual([["Apply on test ↗"], ["Unsave", "Hide", "Mute company"]]);

    expect(await tap(message, payload(message, "Unsave"))).toContain("Removed");
    expect((await h.store.getChat("telegram:1"))?.saved).toEqual([]);
    expect(message.text).not.toContain("📌");
    expect(labels(message)).toEqual([["Apply on test ↗"], ["Save", "Hide", "Mute company"]]);
    expect(h.api.violations).toEqual([]);
  });

  it("numbers a grouped alert's jobs and their buttons, and changes only the tapped job's row", async () => {
    const message = await alert(aliceChat.id, rust, go, zig);
    expect(message.text).toContain("1. Rust engineer");
    expect(message.text).toContain("3. Zig engineer");
    expect(labels(message)).toEqual([1, 2, 3].map((n) => [`Save ${n}`, `Hide ${n}`, `Mute ${n}`]));

    await tap(message, payload(message, "Mute 2"));
    expect((await h.store.getChat("telegram:1"))?.mutedCompanies).toEqual(["Gopher Inc"]);
    await tap(message, payload(message, "Save 3"));
    expect(labels(message)).toEqual([
      ["Save 1", "Hide 1", "Mute 1"],
      ["Unsave 3", "Hide 3", "Mute 3"],
    ]);
    expect(message.text).toMatch(/\n\n📌 2: Gopher Inc muted ✓\n📌 3: Saved ✓$/u);
    expect(h.api.violations).toEqual([]);
  });

  it("refuses a payload replayed in another chat, changing nothing", async () => {
    const message = await alert(aliceChat.id, rust);
    const hide = payload(message, "Hide");
    const elsewhere = await alert(bobChat.id, go);
    const before = elsewhere.text;
    expect(await tap(elsewhere, hide, bob)).toBe(
      "This button belongs to an alert sent to another chat; nothing changed.",
    );
    expect(await h.store.getChat("telegram:2")).toBeUndefined();
    expect(await h.store.getChat("telegram:1")).toBeUndefined();
    expect(elsewhere.text).toBe(before);
  });

  it("lets anyone in a group save for themselves, and only admins hide or mute for the group", async () => {
    const message = await alert(team.id, rust);
    expect(await tap(message, payload(message, "Hide"), member)).toContain("Only the group's admins");
    expect((await h.store.getChat(`telegram:${team.id}`))?.hiddenJobs ?? []).toEqual([]);

    expect(await tap(message, payload(message, "Save"), member)).toContain("Saved ✓");
    // Saved for Max, in his private chat with the bot; the group's alert keeps Save for the others.
    expect((await h.store.getChat(`telegram:${member.id}`))?.saved?.map((s) => s.jobId)).toEqual([rust.id]);
    expect(labels(message)?.[1]).toEqual(["Save", "Hide", "Mute company"]);

    await tap(message, payload(message, "Hide"), admin);
    expect((await h.store.getChat(`telegram:${team.id}`))?.hiddenJobs).toEqual([rust.fingerprint]);
    expect(labels(message)).toEqual([["Apply on test ↗"]]);
    expect(message.text).toMatch(/📌 Hidden ✓$/u);
  });

  it("answers a second tap of the same stale button without an error, and keeps the answer within 200 characters", async () => {
    const long = makeJob({ title: "Rust", company: `Very Long Company Name ${"x".repeat(150)}` });
    await h.store.commitCycle(makeCommit({ newJobs: [long] }));
    const message = await alert(aliceChat.id, long);
    const stale = structuredClone(message);
    const mute = payload(message, "Mute company");
    expect((await tap(message, mute)).length).toBeLessThanOrEqual(200);
    await tap(stale, mute);
    const unchanged = h.api.calls("editMessageText").filter((c) => c.failure?.description.includes("not modified"));
    expect(unchanged).toHaveLength(1);
    expect(h.log.at("error")).toEqual([]);
    expect(h.api.violations).toEqual([]);
  });

  it("changes only the buttons when the note would take the alert over 4096 characters", async () => {
    const message = await alert(aliceChat.id, rust);
    const full = { ...message, text: `${"x".repeat(4090)}\n🔎 rust`, entities: [] };
    await tap(full, payload(message, "Save"));
    expect(h.api.calls("editMessageText")).toEqual([]);
    expect(h.api.calls("editMessageReplyMarkup")).toHaveLength(1);
    expect(labels(message)?.[1]).toEqual(["Unsave", "Hide", "Mute company"]);
    expect(message.text).not.toContain("📌");
  });

  it("paces the edit like any reply: a 429 on it is waited out and the edit made", async () => {
    const message = await alert(aliceChat.id, rust);
    h.api.hook(
      "editMessageText",
      once(() => failures.tooManyRequests(1)),
    );
    await tap(message, payload(message, "Save"));
    await h.api.waitFor("the edit made", () => message.text.endsWith("📌 Saved ✓"), 5_000);
    const [limited, made] = h.api.calls("editMessageText");
    expect(limited?.failure?.error_code).toBe(429);
    expect((made?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it("keeps working after a restart: the signature comes from the bot token", async () => {
    const message = await alert(aliceChat.id, rust);
    await h.restart();
    expect(await tap(message, payload(message, "Save"))).toContain("Saved ✓");
  });

  it("answers a button it does not know as expired", async () => {
    const message = await alert(aliceChat.id, rust);
    expect(await tap(message, "a1:zz")).toContain("not one of mine");
    expect(await tap(message, "something-else")).toBe("This button has expired.");
  });
});
