import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { membershipChange } from "../../../../src/adapters/telegram/membership.js";
import {
  basicGroup,
  memberUpdate,
  migrationMessage,
  person,
  privateChat,
  supergroup,
  type TalkChat,
} from "../../../fakes/telegram-updates.js";
import { startHarness, type Harness } from "./harness.js";

const bob = person(2, "Bob");
const bobChat = privateChat(2, "Bob");
const BOB = "telegram:2";

describe("membership changes", () => {
  it.each([
    ["member", "kicked", "gone"],
    ["administrator", "left", "gone"],
    ["kicked", "member", "back"],
    ["left", "administrator", "back"],
    ["member", "administrator", undefined],
    ["kicked", "left", undefined],
  ] as const)("%s → %s is %s", (before, after, change) => {
    expect(membershipChange(before, after)).toBe(change);
  });
});

describe("the Telegram bot following its place in chats", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const update = async (
    before: "member" | "kicked" | "left",
    after: "member" | "kicked" | "left",
    chat: TalkChat = bobChat,
  ) => {
    h.api.enqueue(memberUpdate(chat, bob, h.api.botInfo, before, after));
    await h.settle(bobChat, bob);
  };

  it("pauses a chat whose person blocked the bot, and resumes it when they unblock", async () => {
    await h.say(bobChat, bob, "/subscribe rust");
    await update("member", "kicked");
    expect(await h.store.getChat(BOB)).toMatchObject({ paused: true, pausedReason: "the bot was blocked" });
    await update("kicked", "member");
    expect((await h.store.getChat(BOB))?.paused).toBe(false);
  });

  it("leaves a chat paused by its own /pause paused when the person unblocks", async () => {
    await h.say(bobChat, bob, "/subscribe rust");
    await h.say(bobChat, bob, "/pause");
    await update("member", "kicked");
    await update("kicked", "member");
    expect((await h.store.getChat(BOB))?.paused).toBe(true);
  });

  it("pauses a group that removed the bot", async () => {
    const group = supergroup(-100300);
    h.api.setMemberStatus(group.id, bob.id, "administrator");
    await h.say(group, bob, "/subscribe rust");
    await update("member", "left", group);
    expect(await h.store.getChat("telegram:-100300")).toMatchObject({
      paused: true,
      pausedReason: "the bot was removed from the chat",
    });
  });

  it("remembers nothing about chats that never subscribed", async () => {
    await update("member", "kicked");
    expect(await h.store.getChat(BOB)).toBeUndefined();
  });

  it("moves a group's subscriptions when it becomes a supergroup", async () => {
    const group = basicGroup(-400);
    h.api.setMemberStatus(group.id, bob.id, "creator");
    await h.say(group, bob, "/subscribe go");
    h.api.enqueue(migrationMessage(group, bob, -100400));
    await h.settle(bobChat, bob);
    expect(await h.store.subscriptionsOf("telegram:-400")).toEqual([]);
    expect((await h.store.subscriptionsOf("telegram:-100400")).map((s) => s.query)).toEqual(["go"]);
  });
});
