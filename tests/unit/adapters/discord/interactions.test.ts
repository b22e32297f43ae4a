import { PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { defaultSettings, type SharedContext } from "../../../../commands/command.js";
import { handleAutocomplete, handleButton, handleSlashCommand } from "../../../../src/adapters/discord/interactions.js";
import { alertActionCodec } from "../../../../src/core/alert-action-payload.js";
import type { Store } from "../../../../src/store/store.js";
import { memoryStore } from "../../../../src/store/memory-store.js";
import { makeCommit, makeJob } from "../../../fakes/builders.js";
import { fixedClock } from "../../../fakes/clock.js";
import {
  CAN_POST,
  CHANNEL,
  MANAGER,
  MEMBER,
  press,
  slash,
  suggest,
  type Call,
} from "../../../fakes/discord-interaction.js";
import { recordingLogger } from "../../../fakes/recording-logger.js";

const CHANNEL_CHAT = `discord:channel:${CHANNEL}`;
const ME = "discord:user:42";

function setup(store: Store = memoryStore()) {
  const log = recordingLogger();
  const context: SharedContext = { store, clock: fixedClock(), log, sources: [], settings: defaultSettings };
  return { store, log, deps: { context, codec: alertActionCodec("a secret of the tests' own") } };
}

const queriesOf = async (store: Store, chat: string) => (await store.subscriptionsOf(chat)).map((s) => s.query);
const textOf = (call: Call | undefined) => (call && "text" in call ? call.text : "");

describe("/subscribe on Discord", () => {
  it("refuses a member without Manage Channels in a server channel, privately, and stores nothing", async () => {
    const { store, deps } = setup();
    const i = slash("subscribe", { query: "rust" }, { member: MEMBER });
    await handleSlashCommand(i, deps);
    expect(i.kinds()).toEqual(["reply"]);
    expect(i.last()).toMatchObject({ ephemeral: true });
    expect(textOf(i.last())).toContain(
      "Only members with the Manage Channels permission can change this channel's alerts. Add dm:true",
    );
    expect(await store.countSubscriptions()).toBe(0);
  });

  it("subscribes the channel for a member with Manage Channels, answering in the channel", async () => {
    const { store, deps } = setup();
    const i = slash("subscribe", { query: "rust remote" }, { member: MANAGER });
    await handleSlashCommand(i, deps);
    expect(i.calls[0]).toEqual({ kind: "defer", ephemeral: false });
    expect(textOf(i.last())).toContain("Subscribed **#1**");
    expect(await queriesOf(store, CHANNEL_CHAT)).toEqual(["rust remote"]);
  });

  it("subscribes the person with dm:true, whatever their permissions, and answers only them", async () => {
    const { store, deps } = setup();
    const i = slash("subscribe", { query: "rust", dm: true }, { member: MEMBER, app: 0n });
    await handleSlashCommand(i, deps);
    expect(i.calls[0]).toEqual({ kind: "defer", ephemeral: true });
    expect(await queriesOf(store, ME)).toEqual(["rust"]);
    expect(await queriesOf(store, CHANNEL_CHAT)).toEqual([]);
  });

  it("subscribes the person in a DM with the bot", async () => {
    const { store, deps } = setup();
    const i = slash("subscribe", { query: "go" });
    await handleSlashCommand(i, deps);
    expect(i.kinds()).toEqual(["defer", "editReply"]);
    expect(await queriesOf(store, ME)).toEqual(["go"]);
  });

  it.each([
    [CAN_POST & ~PermissionFlagsBits.EmbedLinks, false, "the Embed Links permission"],
    [PermissionFlagsBits.SendMessages, false, "the View Channel and Embed Links permissions"],
    [CAN_POST, true, "the Send Messages in Threads permission"],
  ])("says which permission the bot lacks to post in the channel (%s)", async (app, thread, missing) => {
    const { store, deps } = setup();
    const i = slash("subscribe", { query: "rust" }, { member: MANAGER, app, thread });
    await handleSlashCommand(i, deps);
    expect(i.kinds()).toEqual(["reply"]);
    expect(textOf(i.last())).toContain(`I can't post alerts in this channel: I'm missing ${missing} here.`);
    expect(await store.countSubscriptions()).toBe(0);
  });

  it("answers a mistake privately even after deferring in public", async () => {
    const { deps } = setup();
    const i = slash("subscribe", { query: "-php" }, { member: MANAGER });
    await handleSlashCommand(i, deps);
    expect(i.kinds()).toEqual(["defer", "deleteReply", "followUp"]);
    expect(i.last()).toMatchObject({ ephemeral: true });
    expect(textOf(i.last())).toContain("only exclusions");
  });
});

describe("other commands on Discord", () => {
  it("answers /latest, /help and /sources privately in a server, and publicly in a DM", async () => {
    const { deps } = setup();
    for (const command of ["latest", "help", "sources", "subscriptions"]) {
      const inServer = slash(command, {}, { member: MEMBER });
      await handleSlashCommand(inServer, deps);
      expect(inServer.calls[0]).toEqual({ kind: "defer", ephemeral: true });
      const inDm = slash(command, {});
      await handleSlashCommand(inDm, deps);
      expect(inDm.calls[0]).toEqual({ kind: "defer", ephemeral: false });
    }
  });

  it("removes the person's own subscription named in a channel, but not the channel's without Manage Channels", async () => {
    const { store, deps } = setup();
    const own = await store.addSubscription({ chat: ME, createdBy: "42", query: "rust", createdAt: 0 });
    const channels = await store.addSubscription({ chat: CHANNEL_CHAT, createdBy: "7", query: "go", createdAt: 0 });
    const theirs = slash("unsubscribe", { id: `#${channels.id}` }, { member: MEMBER });
    await handleSlashCommand(theirs, deps);
    expect(textOf(theirs.last())).toContain("Manage Channels");
    const mine = slash("unsubscribe", { id: own.id }, { member: MEMBER });
    await handleSlashCommand(mine, deps);
    expect(textOf(mine.last())).toBe(`Removed subscription #${own.id}.`);
    expect(await queriesOf(store, ME)).toEqual([]);
    expect(await queriesOf(store, CHANNEL_CHAT)).toEqual(["go"]);
  });

  it("tells the person about an unknown command privately", async () => {
    const { deps } = setup();
    const i = slash("frobnicate", {}, { member: MEMBER });
    await handleSlashCommand(i, deps);
    expect(i.last()).toMatchObject({ kind: "reply", ephemeral: true });
    expect(textOf(i.last())).toContain("There is no /frobnicate");
  });

  it("answers briefly and logs when Discord fails mid-answer", async () => {
    const { log, deps } = setup();
    const i = slash("help", {}, { member: MEMBER });
    i.editReply = async () => {
      throw new Error("Unknown interaction");
    };
    await handleSlashCommand(i, deps);
    expect(log.at("error").map((r) => r.message)).toEqual(["discord interaction failed"]);
    expect(log.at("error")[0]?.fields).toMatchObject({ command: "help", user: "42" });
  });
});

describe("/latest's page buttons", () => {
  async function withJobs(count: number) {
    const env = setup();
    await env.store.commitCycle(
      makeCommit({ newJobs: Array.from({ length: count }, (_, n) => makeJob({ title: `Rust job ${n}`, seq: n + 1 })) }),
    );
    return env;
  }

  it("turns to the page the button names, with the query from the button", async () => {
    const { deps } = await withJobs(12);
    const i = press("pager:latest:1:q:rust", "/latest rust", { member: MEMBER });
    await handleButton(i, deps);
    expect(i.kinds()).toEqual(["deferUpdate", "editReply"]);
    expect(textOf(i.last())).toContain("page 2 of 3");
  });

  it("recovers a query too long for the button from the message footer", async () => {
    const { deps } = await withJobs(12);
    const query = `rust ${Array.from({ length: 9 }, (_, n) => `-nothing${n}xxxxxx`).join(" ")}`;
    const i = press("pager:latest:2:~", `/latest ${query}`, { member: MEMBER });
    await handleButton(i, deps);
    expect(textOf(i.last())).toContain("matching jobs, page 3 of 3");
  });

  it("says so when a button can no longer be understood", async () => {
    const { deps } = await withJobs(1);
    for (const [id, footer] of [
      ["pager:latest:2:~", undefined],
      ["pager:subscribe:0:q:x", "/subscribe x"],
      ["something-else", undefined],
    ] as const) {
      const i = press(id, footer, { member: MEMBER });
      await handleButton(i, deps);
      expect(i.calls).toEqual([expect.objectContaining({ kind: "reply", ephemeral: true })]);
    }
  });

  it("runs no other command from a forged custom id, in a server or a DM", async () => {
    const { store, deps } = await withJobs(1);
    await store.addSubscription({ chat: CHANNEL_CHAT, createdBy: "7", query: "rust", createdAt: 0 });
    await store.addSubscription({ chat: ME, createdBy: "42", query: "golang", createdAt: 0 });
    const forged = ["pager:unsubscribe:0:q:all", "pager:subscribe:0:q:php", "pager:subscriptions:0:q:"];
    for (const where of [{ member: MANAGER }, {}]) {
      for (const id of forged) {
        const i = press(id, undefined, where);
        await handleButton(i, deps);
        expect(i.calls).toEqual([expect.objectContaining({ kind: "reply", ephemeral: true })]);
        expect(textOf(i.last())).toContain("This button has expired.");
      }
    }
    expect(await queriesOf(store, CHANNEL_CHAT)).toEqual(["rust"]);
    expect(await queriesOf(store, ME)).toEqual(["golang"]);
  });
});

describe("/unsubscribe autocompletion", () => {
  it("offers the channel's subscriptions and the person's own, filtered by what they typed", async () => {
    const { store, deps } = setup();
    await store.addSubscription({ chat: CHANNEL_CHAT, createdBy: "7", query: "golang backend", createdAt: 0 });
    await store.addSubscription({ chat: ME, createdBy: "42", query: "rust", createdAt: 0 });
    await store.addSubscription({ chat: "discord:user:99", createdBy: "99", query: "someone else's", createdAt: 0 });
    const all = suggest("unsubscribe", "", { member: MEMBER });
    await handleAutocomplete(all, deps);
    expect(all.last()).toEqual({
      kind: "respond",
      choices: [
        { name: "#1 golang backend — this channel", value: "1" },
        { name: "#2 rust — your DMs", value: "2" },
      ],
    });
    const typed = suggest("unsubscribe", "RUS", { member: MEMBER });
    await handleAutocomplete(typed, deps);
    expect(typed.last()).toEqual({ kind: "respond", choices: [{ name: "#2 rust — your DMs", value: "2" }] });
  });

  it("suggests time zones for /timezone as one types", async () => {
    const { deps } = setup();
    const i = suggest("timezone", "berl", {});
    await handleAutocomplete(i, deps);
    expect(i.last()).toEqual({ kind: "respond", choices: [{ name: "Europe/Berlin", value: "Europe/Berlin" }] });
    const all = suggest("timezone", "", {});
    await handleAutocomplete(all, deps);
    expect(all.last()?.kind === "respond" && (all.last() as { choices: unknown[] }).choices).toHaveLength(25);
  });

  it("offers at most 25, with names within 100 characters", async () => {
    const { store, deps } = setup();
    for (let n = 0; n < 30; n += 1)
      await store.addSubscription({ chat: ME, createdBy: "42", query: `${"q".repeat(190)}${n}`, createdAt: 0 });
    const i = suggest("unsubscribe", "", {});
    await handleAutocomplete(i, deps);
    const choices = i.last()?.kind === "respond" ? (i.last() as { choices: { name: string }[] }).choices : [];
    expect(choices).toHaveLength(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(choices[0]?.name.endsWith("— yours")).toBe(true);
  });
});
