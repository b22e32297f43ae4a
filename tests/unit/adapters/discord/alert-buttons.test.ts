import { ButtonStyle, ComponentType } from "discord.js";
import { describe, expect, it } from "vitest";
import { alertButtons } from "../../../../commands/alert-actions.js";
import { handleButton } from "../../../../src/adapters/discord/interactions.js";
import { renderAlert } from "../../../../src/adapters/discord/render.js";
import { defaultSettings, type SharedContext } from "../../../../commands/command.js";
import { GENERIC_FAILURE } from "../../../../commands/run.js";
import { alertActionCodec } from "../../../../src/core/alert-action-payload.js";
import type { Alert } from "../../../../src/core/alert.js";
import type { Job } from "../../../../src/core/job.js";
import { memoryStore } from "../../../../src/store/memory-store.js";
import { makeCommit, makeJob } from "../../../fakes/builders.js";
import { fixedClock } from "../../../fakes/clock.js";
import { CHANNEL, MANAGER, MEMBER, press, type Call, type Where } from "../../../fakes/discord-interaction.js";
import { recordingLogger } from "../../../fakes/recording-logger.js";

const codec = alertActionCodec("a secret of the tests' own");
const CHANNEL_CHAT = `discord:channel:${CHANNEL}`;
const ME = "discord:user:42";

const alertOf = (chat: string, ...jobs: Job[]): Alert => ({
  chat,
  items: jobs.map((job) => ({ job, matches: [{ subscriptionId: "1", query: "rust", words: ["rust"] }] })),
});
type Row = ReturnType<typeof renderAlert>["components"][number];
const idsOf = (row: Row | undefined) => (row?.components ?? []).map((b) => ("custom_id" in b ? b.custom_id : b.type));
const labelsOf = (row: Row | undefined) => (row?.components ?? []).map((b) => ("label" in b ? b.label : ""));

async function setup(...jobs: Job[]) {
  const store = memoryStore();
  await store.commitCycle(makeCommit({ newJobs: jobs }));
  const log = recordingLogger();
  const context: SharedContext = { store, clock: fixedClock(), log, sources: [], settings: defaultSettings };
  return { store, log, deps: { context, codec } };
}

/** A tap on `action` of job `index` of the alert `chat` received, as rendered. */
function tap(alert: Alert, index: number, action: string, where: Where) {
  const message = renderAlert(alert, 0, codec);
  const rows = message.components.filter((row) => row.components.some((b) => "custom_id" in b));
  const button = rows[index]?.components.find((b) => "label" in b && b.label?.endsWith(action));
  if (!button || !("custom_id" in button)) throw new Error(`no ${action} button for job ${index + 1}`);
  return press(button.custom_id, undefined, where, { content: "", components: message.components });
}
const updateOf = (calls: Call[]) => calls.find((c) => c.kind === "update");

describe("the buttons under a Discord alert", () => {
  it("puts Save, Hide and Mute company in a row under a single alert's Apply button", () => {
    const job = makeJob({ title: "Rust engineer" });
    const { components } = renderAlert(alertOf(CHANNEL_CHAT, job), 0, codec);
    expect(components[0]?.components[0]).toMatchObject({ style: ButtonStyle.Link, label: "Apply", url: job.url });
    expect(labelsOf(components[1])).toEqual(["Save", "Hide", "Mute company"]);
    const payloads = alertButtons(codec, CHANNEL_CHAT, job).map((b) => b.payload);
    expect(idsOf(components[1])).toEqual(payloads);
    expect(components).toHaveLength(2);
  });

  it("numbers a grouped alert's jobs and gives the first 5 a row each, labelled with their number", () => {
    const jobs = Array.from({ length: 7 }, (_, i) => makeJob({ title: `Rust engineer ${i + 1}` }));
    const { embeds, components } = renderAlert(alertOf(CHANNEL_CHAT, ...jobs), 0, codec);
    for (let n = 1; n <= 7; n++) expect(embeds[0]?.description).toContain(`**${n}.** **[Rust engineer ${n}]`);
    expect(components).toHaveLength(5);
    expect(components.every((row) => row.type === ComponentType.ActionRow && row.components.length === 3)).toBe(true);
    expect(labelsOf(components[4])).toEqual(["5. Save", "5. Hide", "5. Mute company"]);
    expect(idsOf(components[4])).toEqual(alertButtons(codec, CHANNEL_CHAT, jobs[4] as Job).map((b) => b.payload));
  });

  it("gives a job whose entry did not fit the text no buttons, so numbers always match", () => {
    // Each entry is over 1,000 characters: the 4,096 of a description hold three of them.
    const long = Array.from({ length: 6 }, (_, i) => makeJob({ title: `Job ${i + 1} ${"x".repeat(190)}` }));
    const jobs = long.map((job) => ({ ...job, url: `https://jobs.example.com/${"y".repeat(700)}/${job.seq}` }));
    const { embeds, components } = renderAlert(alertOf(CHANNEL_CHAT, ...jobs), 0, codec);
    const shown = jobs.filter((_, i) => embeds[0]?.description?.includes(`**${i + 1}.** `)).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(5);
    expect(components).toHaveLength(shown);
  });

  it("in a DM, Save marks the alert saved, turns the button into Unsave and tells the person alone", async () => {
    const job = makeJob({ title: "Rust engineer" });
    const { store, deps } = await setup(job);
    const i = tap(alertOf(ME, job), 0, "Save", {});
    await handleButton(i, deps);
    expect((await store.getChat(ME))?.saved?.map((s) => s.jobId)).toEqual([job.id]);
    const state = updateOf(i.calls);
    expect(state).toMatchObject({ state: { content: "Saved ✓" } });
    if (state?.kind !== "update") throw new Error("not updated");
    expect(labelsOf(state.state.components[1])).toEqual(["Unsave", "Hide", "Mute company"]);
    expect(labelsOf(state.state.components[0])).toEqual(["Apply"]);
    expect(i.last()).toMatchObject({ kind: "followUp", ephemeral: true, text: "Saved ✓ (/saved lists it)" });

    // Unsave takes the note away again.
    const again = press(
      alertButtons(codec, ME, job, true)[0]?.payload ?? "",
      undefined,
      {},
      { content: state.state.content, components: state.state.components },
    );
    await handleButton(again, deps);
    expect(updateOf(again.calls)).toMatchObject({ state: { content: "" } });
    expect((await store.getChat(ME))?.saved ?? []).toEqual([]);
  });

  it("in a channel, Save keeps the job for the person who tapped and leaves the alert as it is", async () => {
    const job = makeJob({ title: "Rust engineer" });
    const { store, deps } = await setup(job);
    const i = tap(alertOf(CHANNEL_CHAT, job), 0, "Save", { member: MEMBER });
    await handleButton(i, deps);
    expect(i.kinds()).toEqual(["reply"]);
    expect(i.last()).toMatchObject({ ephemeral: true, text: "Saved ✓ (/saved lists it)" });
    expect((await store.getChat(ME))?.saved?.map((s) => s.jobId)).toEqual([job.id]);
    expect((await store.getChat(CHANNEL_CHAT))?.saved).toBeUndefined();
  });

  it("refuses Hide and Mute in a channel to a member without Manage Channels, changing nothing", async () => {
    const job = makeJob({ title: "Rust engineer" });
    const { store, deps } = await setup(job);
    for (const action of ["Hide", "Mute company"]) {
      const i = tap(alertOf(CHANNEL_CHAT, job), 0, action, { member: MEMBER });
      await handleButton(i, deps);
      expect(i.kinds()).toEqual(["reply"]);
      expect(i.last()).toMatchObject({ ephemeral: true });
      expect(i.last()?.kind === "reply" && i.last()).toMatchObject({ text: expect.stringContaining("Only") });
    }
    const chat = await store.getChat(CHANNEL_CHAT);
    expect(chat?.hiddenJobs ?? []).toEqual([]);
    expect(chat?.mutedCompanies ?? []).toEqual([]);
  });

  it("lets a channel manager hide job 2 of a grouped alert: its row goes, its note appears, the others stay", async () => {
    const jobs = [makeJob({ title: "A" }), makeJob({ title: "B" }), makeJob({ title: "C" })];
    const { store, deps } = await setup(...jobs);
    const i = tap(alertOf(CHANNEL_CHAT, ...jobs), 1, "Hide", { member: MANAGER });
    await handleButton(i, deps);
    const state = updateOf(i.calls);
    if (state?.kind !== "update") throw new Error("not updated");
    expect(state.state.content).toBe("**2.** Hidden ✓");
    expect(state.state.components.map((row) => labelsOf(row)[0])).toEqual(["1. Save", "3. Save"]);
    expect((await store.getChat(CHANNEL_CHAT))?.hiddenJobs).toEqual([jobs[1]?.fingerprint]);
    expect(i.last()).toMatchObject({ kind: "followUp", ephemeral: true });
  });

  it("escapes the company a mute note names, and keeps notes of several jobs in their order", async () => {
    const jobs = [makeJob({ title: "A", company: "**Evil** @everyone" }), makeJob({ title: "B" })];
    const { deps } = await setup(...jobs);
    const alert = alertOf(CHANNEL_CHAT, ...jobs);
    const first = tap(alert, 1, "Hide", { member: MANAGER });
    await handleButton(first, deps);
    const hidden = updateOf(first.calls);
    if (hidden?.kind !== "update") throw new Error("not updated");
    const mute = hidden.state.components[0]?.components[2];
    if (!mute || !("custom_id" in mute)) throw new Error("no mute button");
    const second = press(mute.custom_id, undefined, { member: MANAGER }, hidden.state);
    await handleButton(second, deps);
    expect(updateOf(second.calls)).toMatchObject({
      state: { content: "**1.** \\*\\*Evil\\*\\* \\@everyone muted ✓\n**2.** Hidden ✓", components: [] },
    });
  });

  it("refuses a button made for another chat, or forged, and changes nothing", async () => {
    const job = makeJob({ title: "Rust engineer" });
    const { store, deps } = await setup(job);
    const elsewhere = alertButtons(codec, "discord:channel:999", job).map((b) => b.payload);
    for (const payload of [...elsewhere, "a1:s:1:AAAAAAAAAAA"]) {
      const i = press(payload, undefined, { member: MANAGER });
      await handleButton(i, deps);
      expect(i.kinds()).toEqual(["reply"]);
      expect(i.last()).toMatchObject({ ephemeral: true, text: expect.stringContaining("nothing changed") });
    }
    expect(await store.getChat(CHANNEL_CHAT)).toBeUndefined();
    expect(await store.getChat(ME)).toBeUndefined();
  });

  it("tells the person something went wrong, and logs why, when the store fails", async () => {
    const job = makeJob({ title: "Rust engineer" });
    const { store, log, deps } = await setup(job);
    const failing = {
      ...deps,
      context: { ...deps.context, store: { ...store, recentJobs: () => Promise.reject(new Error("disk gone")) } },
    };
    const i = tap(alertOf(ME, job), 0, "Save", {});
    await handleButton(i, failing);
    expect(i.kinds()).toEqual(["reply"]);
    expect(i.last()).toMatchObject({ ephemeral: true, text: GENERIC_FAILURE });
    expect(log.at("error").map((r) => r.message)).toEqual(["discord alert button failed"]);
  });
});
