import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commands } from "../../../../commands/index.js";
import { GENERIC_FAILURE } from "../../../../commands/run.js";
import { failures, once } from "../../../fakes/fake-bot-api.js";
import { person, privateChat, supergroup, textMessage } from "../../../fakes/telegram-updates.js";
import { startHarness, type Harness } from "./harness.js";

const alice = person(1, "Alice");
const aliceChat = privateChat(1, "Alice");
const admin = person(10, "Ada");
const member = person(11, "Max");
const group = supergroup(-100500, "Rustaceans <3");

describe("the Telegram bot's commands", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.api.setMemberStatus(group.id, admin.id, "administrator");
    h.api.setMemberStatus(group.id, member.id, "member");
  });
  afterEach(() => h.stop());

  it("publishes every registry command in the menu and asks for the updates it handles", async () => {
    const [menu] = h.api.calls("setMyCommands");
    expect(menu?.params.commands).toEqual(commands.map((c) => ({ command: c.name, description: c.description })));
    const polls = () => h.api.calls("getUpdates").filter((c) => c.params.allowed_updates !== undefined);
    await h.api.waitFor("the first poll", () => polls().length > 0);
    expect(polls()[0]?.params.allowed_updates).toEqual(
      expect.arrayContaining(["message", "callback_query", "my_chat_member"]),
    );
  });

  it("greets on /start with what it does and query examples", async () => {
    const answer = await h.say(aliceChat, alice, "/start");
    expect(answer.text).toMatch(/^Hi! I watch 1 job board feed/);
    expect(answer.text).toContain("/subscribe rust remote");
    expect(answer.entities).toContainEqual(expect.objectContaining({ type: "code" }));
  });

  it("subscribes a private chat, and answers a bad query with what to change", async () => {
    const good = await h.say(aliceChat, alice, "/subscribe rust remote");
    expect(good.text).toContain("Subscribed #1: jobs mentioning rust and remote.");
    const bad = await h.say(aliceChat, alice, '/subscribe "machine learning');
    expect(bad.text).toContain("Unclosed quote");
    const onlyExcluded = await h.say(aliceChat, alice, "/subscribe -php");
    expect(onlyExcluded.text).toContain("A query of only exclusions would match almost every job");
    expect(await h.store.subscriptionsOf("telegram:1")).toHaveLength(1);
  });

  it("answers /command@thisbot and /Command, and ignores commands for other bots", async () => {
    expect((await h.say(aliceChat, alice, "/help@jobhound_test_bot")).text).toContain("Commands:");
    expect((await h.say(aliceChat, alice, "/Subscriptions")).text).toContain("no subscriptions yet");
    h.api.enqueue(textMessage(aliceChat, alice, "/start@some_other_bot"));
    const next = await h.say(aliceChat, alice, "/sources");
    expect(next.text).toContain("Watching 1 source");
  });

  it("tells a person about unknown commands and plain text in a private chat", async () => {
    expect((await h.say(aliceChat, alice, "/frobnicate")).text).toBe(
      "There is no /frobnicate. /help lists what I understand.",
    );
    expect((await h.say(aliceChat, alice, "hello?")).text).toContain("I understand commands");
  });

  it("lets a group's administrator subscribe the group, answering in reply to the command", async () => {
    const answer = await h.say(group, admin, "/subscribe@jobhound_test_bot rust");
    expect(answer.text).toContain("Subscribed #1");
    expect(await h.store.subscriptionsOf("telegram:-100500")).toHaveLength(1);
    const sent = h.api.calls("sendMessage").at(-1);
    expect(sent?.params.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
  });

  it("refuses a group member who is not an administrator, saying why", async () => {
    for (const command of ["/subscribe rust", "/unsubscribe all", "/pause", "/resume"]) {
      const answer = await h.say(group, member, command);
      expect(answer.text).toContain(
        `Only administrators of this group can use /${command.split(" ")[0]?.slice(1)} here.`,
      );
      expect(answer.text).toContain("@jobhound_test_bot");
    }
    expect(await h.store.subscriptionsOf("telegram:-100500")).toEqual([]);
    expect(await h.store.getChat("telegram:-100500")).toBeUndefined();
    expect(h.api.calls("getChatMember").map((c) => c.params)).toContainEqual({ chat_id: group.id, user_id: member.id });
  });

  it("lets anyone in a group use /latest, /subscriptions and /help without an admin check", async () => {
    for (const command of ["/latest", "/subscriptions", "/help"]) await h.say(group, member, command);
    expect(h.api.calls("getChatMember")).toEqual([]);
  });

  it("treats a message sent as the group (an anonymous administrator) as an administrator's", async () => {
    h.api.enqueue(textMessage(group, person(1087968824, "Group"), "/subscribe go", { sender_chat: group }));
    await h.api.waitFor("the answer", () => h.api.messages(group.id).length === 1);
    expect(h.api.messages(group.id)[0]?.text).toContain("Subscribed #1");
  });

  it("refuses politely when Telegram cannot say whether someone is an administrator", async () => {
    h.api.hook(
      "getChatMember",
      once(() => failures.serverError()),
    );
    const answer = await h.say(group, admin, "/pause");
    expect(answer.text).toContain("could not check whether you are an administrator");
    expect((await h.store.getChat("telegram:-100500"))?.paused).toBeUndefined();
  });

  it("keeps polling after a handler fails (bot.catch), and logs the failure", async () => {
    h.api.hook(
      "sendMessage",
      once(() => failures.serverError()),
    );
    h.api.enqueue(textMessage(aliceChat, alice, "/help"));
    const next = await h.say(aliceChat, alice, "/sources");
    expect(next.text).toContain("Watching 1 source");
    expect(h.log.at("error").map((r) => r.message)).toContain("update handling failed");
  });

  it("answers with one short sentence when a command fails unexpectedly", async () => {
    h.store.recentJobs = async () => {
      throw new Error("disk on fire");
    };
    const answer = await h.say(aliceChat, alice, "/latest");
    expect(answer.text).toBe(GENERIC_FAILURE);
    expect(h.log.at("error")[0]?.fields).toMatchObject({ command: "latest", chat: "telegram:1" });
  });

  it("sends only valid HTML within Telegram's limits", async () => {
    for (const command of [
      "/start",
      "/help",
      "/subscribe <b>&amp;",
      "/subscriptions",
      "/latest",
      "/sources",
      "/pause",
      "/resume",
      "/unsubscribe 99",
    ]) {
      await h.say(aliceChat, alice, command);
    }
    expect(h.api.violations).toEqual([]);
  });
});
