import { describe, expect, it } from "vitest";
import { alertButtons } from "../../../../commands/alert-actions.js";
import { defaultSettings, type SharedContext } from "../../../../commands/command.js";
import { handleAlertButton } from "../../../../src/adapters/slack/alert-action.js";
import type { ReceivedBlock } from "../../../../src/adapters/slack/alert-buttons.js";
import type { HandlerDeps } from "../../../../src/adapters/slack/handlers.js";
import type { Respond, Visibility } from "../../../../src/adapters/slack/replies.js";
import { renderAlert, type SlackBlock, type SlackMessage } from "../../../../src/adapters/slack/render.js";
import { alertActionCodec } from "../../../../src/core/alert-action-payload.js";
import type { Alert } from "../../../../src/core/alert.js";
import type { Job } from "../../../../src/core/job.js";
import { memoryStore } from "../../../../src/store/memory-store.js";
import type { Store } from "../../../../src/store/store.js";
import { GENERIC_FAILURE } from "../../../../commands/run.js";
import { makeCommit, makeJob } from "../../../fakes/builders.js";
import { fixedClock } from "../../../fakes/clock.js";
import { recordingLogger } from "../../../fakes/recording-logger.js";
import { visibleText } from "../../../fakes/slack-blocks.js";

const codec = alertActionCodec("a secret of the tests' own");
const CHANNEL = "C0JOBS";
const CHANNEL_CHAT = `slack:${CHANNEL}`;
const ADMIN = "U0ADMIN";
const MEMBER = "U0MEMBER";
const dmOf = (user: string) => `DBOT${user}`;

const alertOf = (chat: string, ...jobs: Job[]): Alert => ({
  chat,
  items: jobs.map((job) => ({ job, matches: [{ subscriptionId: "1", query: "rust", words: ["rust"] }] })),
});
type Actions = Extract<SlackBlock, { type: "actions" }>;
const actionBlocks = (message: { blocks: unknown[] }) =>
  (message.blocks as SlackBlock[]).filter((b): b is Actions => b.type === "actions");
const labelsOf = (block: Actions | undefined) => (block?.elements ?? []).map((b) => b.text.text);

async function setup(jobs: Job[], adminsOnly = false, recentJobs?: Store["recentJobs"]) {
  const stored = memoryStore();
  await stored.commitCycle(makeCommit({ newJobs: jobs }));
  const store: Store = recentJobs ? { ...stored, recentJobs } : stored;
  const log = recordingLogger();
  const answers: { message: SlackMessage; visibility: Visibility }[] = [];
  const respond: Respond = async (_chat, _url, message, visibility) => void answers.push({ message, visibility });
  const context: SharedContext = {
    store,
    clock: fixedClock(),
    log,
    sources: [],
    settings: defaultSettings,
  };
  const deps: HandlerDeps = {
    context,
    respond,
    adminsOnly,
    isWorkspaceAdmin: async (user) => user === ADMIN,
    directChannel: async (user) => dmOf(user),
    codec,
  };
  /** Taps `label` under job `index` of `message`, sent to `channel`, as `user`. */
  const tap = async (message: SlackMessage, index: number, label: string, user = MEMBER, channel = CHANNEL) => {
    const block = actionBlocks(message)[index];
    const button = block?.elements.find((b) => b.text.text === label);
    if (!block?.block_id || !button) throw new Error(`no ${label} under job ${index + 1}`);
    await handleAlertButton(
      {
        user,
        channelId: channel,
        value: button.value,
        blockId: block.block_id,
        responseUrl: "https://hooks.slack.test/r",
        message: { text: message.text, blocks: message.blocks as ReceivedBlock[] },
      },
      deps,
    );
  };
  return { store, answers, tap, log };
}

const lastText = (answers: { message: SlackMessage }[]) => visibleText(answers.at(-1)?.message ?? { blocks: [] });

describe("the buttons under a Slack alert", () => {
  it("gives every job its own actions block: Save, Hide, Mute company, each carrying its payload", () => {
    const jobs = [makeJob({ title: "A" }), makeJob({ title: "B" })];
    const single = renderAlert(alertOf(CHANNEL_CHAT, jobs[0] as Job), 0, codec);
    expect(single.blocks.at(-1)).toMatchObject({ type: "actions", block_id: "actions:0" });
    const grouped = renderAlert(alertOf(CHANNEL_CHAT, ...jobs), 0, codec);
    const blocks = actionBlocks(grouped);
    expect(blocks.map((b) => b.block_id)).toEqual(["actions:0", "actions:1"]);
    expect(labelsOf(blocks[1])).toEqual(["Save", "Hide", "Mute company"]);
    expect(blocks[1]?.elements.map((b) => b.value)).toEqual(
      alertButtons(codec, CHANNEL_CHAT, jobs[1] as Job).map((b) => b.payload),
    );
    expect(new Set(blocks[1]?.elements.map((b) => b.action_id)).size).toBe(3);
    // Each job's buttons come right under it.
    const kinds = grouped.blocks.map((b) => b.type);
    expect(kinds.slice(1)).toEqual(["section", "actions", "section", "actions"]);
  });

  it("in a channel, Save keeps the job for the person, in their DM with the bot, and answers only them", async () => {
    const job = makeJob({ title: "Rust engineer" });
    const { store, answers, tap } = await setup([job]);
    await tap(renderAlert(alertOf(CHANNEL_CHAT, job), 0, codec), 0, "Save");
    expect((await store.getChat(`slack:${dmOf(MEMBER)}`))?.saved?.map((s) => s.jobId)).toEqual([job.id]);
    expect(answers.map((a) => a.visibility)).toEqual(["ephemeral"]);
    expect(lastText(answers)).toContain("Saved ✓");
  });

  it("in the DM with the bot, Save replaces the message: a note under the job and Unsave instead of Save", async () => {
    const job = makeJob({ title: "Rust engineer" });
    const { store, answers, tap } = await setup([job]);
    const dm = dmOf(MEMBER);
    await tap(renderAlert(alertOf(`slack:${dm}`, job), 0, codec), 0, "Save", MEMBER, dm);
    expect((await store.getChat(`slack:${dm}`))?.saved).toHaveLength(1);
    expect(answers.map((a) => a.visibility)).toEqual(["replace", "ephemeral"]);
    const replaced = answers[0]?.message as SlackMessage;
    expect(labelsOf(actionBlocks(replaced)[0])).toEqual(["Unsave", "Hide", "Mute company"]);
    expect(replaced.blocks.at(-1)).toMatchObject({ type: "context", block_id: "note:0" });
    expect(visibleText(replaced)).toContain("Saved ✓");

    // Unsave on the replaced message takes the note away again.
    await tap(replaced, 0, "Unsave", MEMBER, dm);
    const again = answers.at(-2)?.message as SlackMessage;
    expect(again.blocks.some((b) => b.type === "context" && "block_id" in b && b.block_id === "note:0")).toBe(false);
    expect((await store.getChat(`slack:${dm}`))?.saved ?? []).toEqual([]);
  });

  it("lets any member hide a job in a channel: its buttons go, a note says so, the other jobs keep theirs", async () => {
    const jobs = [makeJob({ title: "A" }), makeJob({ title: "B" })];
    const { store, answers, tap } = await setup(jobs);
    await tap(renderAlert(alertOf(CHANNEL_CHAT, ...jobs), 0, codec), 1, "Hide");
    expect((await store.getChat(CHANNEL_CHAT))?.hiddenJobs).toEqual([jobs[1]?.fingerprint]);
    const replaced = answers[0]?.message as SlackMessage;
    expect(actionBlocks(replaced).map((b) => b.block_id)).toEqual(["actions:0"]);
    expect(replaced.blocks.at(-1)).toMatchObject({ block_id: "note:1" });
    expect(answers[1]?.visibility).toBe("ephemeral");
  });

  it("with SLACK_ADMINS_ONLY refuses Hide and Mute to a member who is no workspace admin, changing nothing", async () => {
    const job = makeJob({ title: "Rust engineer", company: "Acme" });
    const { store, answers, tap } = await setup([job], true);
    const message = renderAlert(alertOf(CHANNEL_CHAT, job), 0, codec);
    await tap(message, 0, "Hide");
    await tap(message, 0, "Mute company");
    expect(answers.map((a) => a.visibility)).toEqual(["ephemeral", "ephemeral"]);
    expect(lastText(answers)).toContain("nothing changed");
    expect(await store.getChat(CHANNEL_CHAT)).toBeUndefined();

    await tap(message, 0, "Mute company", ADMIN);
    expect((await store.getChat(CHANNEL_CHAT))?.mutedCompanies).toEqual(["Acme"]);
  });

  it("refuses a button whose alert went to another channel, and changes nothing", async () => {
    const job = makeJob({ title: "Rust engineer" });
    const { store, answers, tap } = await setup([job]);
    await tap(renderAlert(alertOf("slack:C0OTHER", job), 0, codec), 0, "Hide");
    expect(answers.map((a) => a.visibility)).toEqual(["ephemeral"]);
    expect(lastText(answers)).toContain("another chat; nothing changed");
    expect(await store.getChat(CHANNEL_CHAT)).toBeUndefined();
  });

  it("tells the person something went wrong, and logs why, when the store fails", async () => {
    const job = makeJob({ title: "Rust engineer" });
    const { answers, tap, log } = await setup([job], false, () => Promise.reject(new Error("disk gone")));
    await tap(renderAlert(alertOf(CHANNEL_CHAT, job), 0, codec), 0, "Save");
    expect(answers.map((a) => a.visibility)).toEqual(["ephemeral"]);
    expect(lastText(answers)).toContain(GENERIC_FAILURE);
    expect(log.at("error").map((r) => r.message)).toEqual(["slack alert button failed"]);
  });
});
