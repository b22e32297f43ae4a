import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoredMessage } from "../../../fakes/fake-bot-api.js";
import { makeCommit, makeJob } from "../../../fakes/builders.js";
import { person, privateChat, supergroup } from "../../../fakes/telegram-updates.js";
import { startHarness, type Harness } from "./harness.js";

const alice = person(1, "Alice");
const aliceChat = privateChat(1, "Alice");

const LONG_QUERY = Array.from({ length: 12 }, (_, i) => `keyword${i}`).join(" ");

const buttons = (message: StoredMessage) => message.reply_markup?.inline_keyboard.flat() ?? [];
const button = (message: StoredMessage, text: string) => {
  const found = buttons(message).find((b) => b.text === text);
  if (!found?.callback_data) throw new Error(`no ${text} button on: ${message.text}`);
  return found.callback_data;
};

describe("paging /latest with buttons", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    // 12 jobs: pages of 5, 5 and 2. Every one mentions all the words of LONG_QUERY.
    const jobs = Array.from({ length: 12 }, (_, i) =>
      makeJob({ title: `Job ${String(i).padStart(2, "0")}`, description: LONG_QUERY }),
    );
    await h.store.commitCycle(makeCommit({ newJobs: jobs }));
  });
  afterEach(() => h.stop());

  async function press(message: StoredMessage, data: string, from = alice): Promise<string> {
    const id = h.api.press(message, data, from);
    await h.api.waitFor("the button press answered", () => h.api.answered(id), 5_000);
    return id;
  }

  it("turns pages in place and answers every press", async () => {
    const list = await h.say(aliceChat, alice, "/latest");
    expect(list.text).toContain("page 1 of 3");
    expect(buttons(list).map((b) => b.text)).toEqual(["Next ›"]);

    await press(list, button(list, "Next ›"));
    expect(h.api.messages(aliceChat.id)).toHaveLength(1);
    expect(list.text).toContain("page 2 of 3");
    expect(list.text).toContain("Job 06");
    expect(buttons(list).map((b) => b.text)).toEqual(["‹ Prev", "Next ›"]);

    await press(list, button(list, "Next ›"));
    expect(list.text).toContain("page 3 of 3");
    expect(buttons(list).map((b) => b.text)).toEqual(["‹ Prev"]);
    await press(list, button(list, "‹ Prev"));
    expect(list.text).toContain("page 2 of 3");
    expect(h.api.violations).toEqual([]);
  });

  it("pages a query too long for a button by finding it in the message", async () => {
    const list = await h.say(aliceChat, alice, `/latest ${LONG_QUERY}`);
    const next = button(list, "Next ›");
    expect(next).toMatch(/^pg1:latest:1:#/);
    await press(list, next);
    expect(list.text).toContain("Newest matching jobs, page 2 of 3");
    expect(list.text).toContain(LONG_QUERY);
  });

  it("keeps working after a restart: the page state is in the button", async () => {
    const list = await h.say(aliceChat, alice, "/latest");
    await h.restart();
    await press(list, button(list, "Next ›"));
    expect(list.text).toContain("page 2 of 3");
  });

  it("answers a press it cannot serve with a notice instead of leaving the client spinning", async () => {
    const list = await h.say(aliceChat, alice, `/latest ${LONG_QUERY}`);
    const stale = { ...list, text: "the query is gone", entities: [] };
    const id = await press(stale, button(list, "Next ›"));
    expect(h.api.calls("answerCallbackQuery").find((c) => c.params.callback_query_id === id)?.params.text).toBe(
      "This list has expired. Send /latest again.",
    );
    const foreign = await press(list, "not-ours");
    expect(h.api.calls("answerCallbackQuery").find((c) => c.params.callback_query_id === foreign)?.params.text).toBe(
      "This button has expired.",
    );
  });

  it("runs no other command from a forged page button: unsubscribe and subscribe change nothing", async () => {
    await h.say(aliceChat, alice, "/subscribe rust");
    await h.say(aliceChat, alice, "/subscribe golang");
    const list = await h.say(aliceChat, alice, "/latest");
    const queries = async () => (await h.store.subscriptionsOf(`telegram:${aliceChat.id}`)).map((s) => s.query);
    expect(await queries()).toEqual(["rust", "golang"]);
    for (const forged of ["pg1:unsubscribe:0:=all", "pg1:subscribe:0:=php", "pg1:subscriptions:0:="]) {
      const before = list.text;
      const id = await press(list, forged);
      expect(h.api.calls("answerCallbackQuery").find((c) => c.params.callback_query_id === id)?.params.text).toBe(
        "This button has expired.",
      );
      expect(list.text).toBe(before);
    }
    expect(await queries()).toEqual(["rust", "golang"]);
  });

  it("lets anyone in a group page through /latest", async () => {
    const group = supergroup(-100777);
    h.api.setMemberStatus(group.id, 5, "member");
    const list = await h.say(group, person(5), "/latest");
    await press(list, button(list, "Next ›"), person(6));
    expect(list.text).toContain("page 2 of 3");
  });
});
