/**
 * Replies share Telegram's budget with alerts (issue 15): under a burst of commands every chat
 * gets its answer within the flood limits, a 429 on a reply is waited out and tried again, and a
 * reply that still fails is logged with its chat.
 */
import { afterEach, describe, expect, it } from "vitest";
import { failures, once, startFakeBotApi, toChat, type FakeBotApi } from "../../../fakes/fake-bot-api.js";
import { person, privateChat, textMessage } from "../../../fakes/telegram-updates.js";
import { startHarness, type Harness } from "./harness.js";

const CHATS = 200;

describe("Telegram replies under the flood limits", () => {
  let h: Harness | undefined;
  let api: FakeBotApi | undefined;
  afterEach(async () => {
    await h?.stop();
    await api?.close();
    h = undefined;
    api = undefined;
  });

  it("answers 200 chats that each send /subscribe within one second: 200 replies, no 429", async () => {
    api = await startFakeBotApi({ floodControl: true });
    h = await startHarness(api);
    const ids = Array.from({ length: CHATS }, (_, i) => 5_000 + i);
    for (const id of ids) api.enqueue(textMessage(privateChat(id), person(id), "/subscribe rust remote"));
    const fake = api;
    await fake.waitFor("a reply in every chat", () => ids.every((id) => fake.messages(id).length > 0), 40_000);
    expect(ids.map((id) => fake.messages(id).length)).toEqual(ids.map(() => 1));
    expect(fake.tooManyRequests()).toBe(0);
    expect(fake.violations).toEqual([]);
    expect(await h.store.subscriptionsOf(`telegram:${ids[CHATS - 1]}`)).toHaveLength(1);
  }, 60_000);

  it("waits out a 429 on a reply for its retry_after, then sends it", async () => {
    h = await startHarness();
    const chat = privateChat(77);
    h.api.hook("sendMessage", once(toChat(chat.id, () => failures.tooManyRequests(1))));
    const reply = await h.say(chat, person(77), "/subscribe rust");
    expect(reply.text).toContain("rust");
    const attempts = h.api.calls("sendMessage").filter((c) => c.params.chat_id === chat.id);
    expect(attempts).toHaveLength(2);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  }, 20_000);

  it("logs a reply that is still refused after every try, with its chat", async () => {
    h = await startHarness();
    const chat = privateChat(78);
    h.api.hook(
      "sendMessage",
      toChat(chat.id, () => failures.tooManyRequests(1)),
    );
    const harness = h;
    harness.api.enqueue(textMessage(chat, person(78), "/help"));
    await harness.api.waitFor("the reply given up", () =>
      harness.log.at("error").some((r) => r.message.startsWith("reply not delivered")),
    );
    expect(harness.log.at("error")[0]?.fields).toMatchObject({ chat: "telegram:78", method: "sendMessage" });
    expect(harness.api.calls("sendMessage").filter((c) => c.params.chat_id === chat.id)).toHaveLength(3);
  }, 20_000);
});
