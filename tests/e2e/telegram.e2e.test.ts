import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failures, once, toChat, type FakeBotApi, type StoredMessage } from "../fakes/fake-bot-api.js";
import type { FakeBoard } from "../fakes/fake-board.js";
import { basicGroup, person, privateChat, supergroup, type TalkChat } from "../fakes/telegram-updates.js";
import { fixture } from "../fixtures.js";
import { cyclesDone, type BotProcess } from "./bot-process.js";
import { E2E_STORES } from "./stores.js";
import { telegramWorld, type TelegramWorld } from "./telegram-world.js";

// As in the console test: the 2020 feed is the baseline (4 jobs); then the 2026 feed's five jobs
// appear. "marketing" matches Ottimate and WEX, "engineer" matches Summedd.
const BASELINE = fixture("wwr-programming-2020.rss");
const NEW_ITEMS = fixture("wwr-remote-jobs-2026.rss").match(/<item>[\s\S]*<\/item>/)?.[0] ?? "";
const UPDATED = BASELINE.replace("</channel>", `${NEW_ITEMS}\n</channel>`);
const OTTIMATE = "https://weworkremotely.com/remote-jobs/ottimate-director-of-partner-marketing";
const WEX = "https://weworkremotely.com/remote-jobs/wex-product-marketing-manager-corporate-payments";
const SUMMEDD =
  "https://weworkremotely.com/remote-jobs/summedd-full-stack-engineer-with-ai-coding-expertise-for-saas-platform";

const alice = person(1001, "Alice");
const bob = person(1002, "Bob");
const carol = person(1003, "Carol");
const ada = person(2001, "Ada");
const max = person(2002, "Max");
const greta = person(2003, "Greta");
const aliceChat = privateChat(alice.id, "Alice");
const bobChat = privateChat(bob.id, "Bob");
const carolChat = privateChat(carol.id, "Carol");
const team = supergroup(-100500, "Team <dev> & co");
const oldGroup = basicGroup(-600, "Old group");
const NEW_GROUP_ID = -100600;

const alertsIn = (messages: StoredMessage[]) => messages.filter((m) => m.text.startsWith("🔔"));
const applyUrl = (message: StoredMessage | undefined) => message?.reply_markup?.inline_keyboard[0]?.[0]?.url;

for (const kind of E2E_STORES)
  describe.skipIf(!kind.available)(`the bot on Telegram, end to end (${kind.name})`, () => {
    let world: TelegramWorld;
    let board: FakeBoard;
    let api: FakeBotApi;
    const start = (overrides: Record<string, string> = {}): BotProcess => world.start(overrides);

    beforeAll(async () => {
      world = await telegramWorld(kind, (fake) => ({
        SOURCES: `weworkremotely=${fake.url("/feed.rss")}`,
        SCRAPE_SCHEDULE: "* * * * * *",
      }));
      ({ board, api } = world);
      board.serve("/feed.rss", BASELINE);
      api.setMemberStatus(team.id, ada.id, "administrator");
      api.setMemberStatus(team.id, max.id, "member");
      api.setMemberStatus(oldGroup.id, greta.id, "creator");
      api.addChat(supergroup(NEW_GROUP_ID, "Old group"));
    });

    // A failed test must not leave a bot polling in the background: the world kills what it started.
    afterAll(() => world.close());

    const say = (chat: TalkChat, from: User, text: string): Promise<StoredMessage> => world.say(chat, from, text);

    async function stop(bot: BotProcess): Promise<void> {
      expect(await world.stop(bot)).toBe(0);
    }

    it("serves the commands, delivers each new match once as an HTML alert, and survives a restart without repeats", async () => {
      const bot = start();
      await bot.waitFor("the baseline cycle", () => cyclesDone(bot) >= 1);

      expect((await say(aliceChat, alice, "/start")).text).toContain("/subscribe rust remote");
      expect((await say(aliceChat, alice, "/subscribe marketing")).text).toContain("Subscribed #1");
      expect((await say(aliceChat, alice, '/subscribe "oops')).text).toContain("Unclosed quote");
      expect((await say(team, max, "/subscribe engineer")).text).toContain(
        "Only administrators of this group can use /subscribe here.",
      );
      expect((await say(team, ada, "/subscribe@jobhound_test_bot engineer")).text).toContain("Subscribed #2");
      for (const [chat, from] of [
        [bobChat, bob],
        [carolChat, carol],
      ] as const)
        await say(chat, from, "/subscribe marketing");
      await say(oldGroup, greta, "/subscribe engineer");

      // Bob blocks the bot; Telegram asks Carol's chat to slow down once; the old group upgraded.
      api.hook("sendMessage", toChat(bob.id, failures.blocked));
      api.hook("sendMessage", once(toChat(carol.id, () => failures.tooManyRequests(2))));
      api.hook(
        "sendMessage",
        toChat(oldGroup.id, () => failures.migrated(NEW_GROUP_ID)),
      );
      // And one poll loses its connection: the error is logged without the token.
      api.hook(
        "getUpdates",
        once(() => "drop"),
      );
      board.serve("/feed.rss", UPDATED);

      await api.waitFor(
        "every alert",
        () =>
          [aliceChat.id, carolChat.id].every((id) => alertsIn(api.messages(id)).length >= 2) &&
          [team.id, NEW_GROUP_ID].every((id) => alertsIn(api.messages(id)).length >= 1),
      );

      const aliceAlerts = alertsIn(api.messages(aliceChat.id));
      expect(aliceAlerts.map(applyUrl).sort()).toEqual([OTTIMATE, WEX]);
      const ottimate = aliceAlerts.find((m) => applyUrl(m) === OTTIMATE);
      expect(ottimate?.html).toContain("<b>Director of Partner Marketing</b>");
      expect(ottimate?.text).toContain("Ottimate");
      expect(ottimate?.text).toContain("via We Work Remotely");
      expect(ottimate?.text).toContain("🔎 marketing");
      expect(alertsIn(api.messages(team.id)).map(applyUrl)).toEqual([SUMMEDD]);

      // Blocked: one 403, then the chat is paused and logged once.
      const toBob = api.calls("sendMessage").filter((c) => Number(c.params.chat_id) === bob.id && c.failure);
      expect(toBob).toHaveLength(1);
      const paused = bot.logs().filter((l) => l.msg === "chat refuses alerts: paused");
      expect(paused.map((l) => l.chat)).toEqual(["telegram:1002"]);

      // 429: the refused alert is sent again, no sooner than retry_after.
      const toCarol = api.calls("sendMessage").filter((c) => Number(c.params.chat_id) === carol.id);
      const limited = toCarol.find((c) => c.failure?.error_code === 429);
      const resent = toCarol.find((c) => c !== limited && c.params.text === limited?.params.text && !c.failure);
      expect(resent && limited && resent.at - limited.at).toBeGreaterThanOrEqual(2_000);

      // Migration: the alert went to the supergroup, and the subscription lives there now.
      expect(alertsIn(api.messages(NEW_GROUP_ID)).map(applyUrl)).toEqual([SUMMEDD]);
      expect((await say(supergroup(NEW_GROUP_ID), greta, "/subscriptions")).text).toContain("engineer");

      // /latest: 9 jobs, two pages, turned by button.
      const list = await say(aliceChat, alice, "/latest");
      expect(list.text).toContain("page 1 of 2");
      const next = list.reply_markup?.inline_keyboard[0]?.find((b) => b.text === "Next ›")?.callback_data ?? "";
      const press = api.press(list, next, alice);
      await api.waitFor("the page turned", () => api.answered(press));
      expect(list.text).toContain("page 2 of 2");

      const seen = cyclesDone(bot);
      await bot.waitFor("two more cycles", () => cyclesDone(bot) >= seen + 2);
      for (const [id, count] of [
        [aliceChat.id, 2],
        [carolChat.id, 2],
        [team.id, 1],
        [NEW_GROUP_ID, 1],
        [oldGroup.id, 0],
        [bobChat.id, 0],
      ] as const) {
        expect(alertsIn(api.messages(id)), `alerts in ${id}`).toHaveLength(count);
      }
      await stop(bot);

      const callsBefore = api.calls("sendMessage").length;
      const again = start();
      await again.waitFor("two cycles after the restart", () => cyclesDone(again) >= 2);
      // Nothing is sent again: no alert repeated, no command answered twice.
      expect(api.calls("sendMessage").slice(callsBefore)).toEqual([]);
      expect((await say(aliceChat, alice, "/subscriptions")).text).toContain("1 subscription");
      await stop(again);

      expect(api.violations).toEqual([]);
      for (const run of [bot, again]) expect(run.stderr()).not.toContain(api.token);
      expect(bot.logs().some((l) => l.msg === "polling failed; retrying")).toBe(true);
    }, 90_000);

    it("stops with exit code 1 when the Bot API refuses the token, without printing it", async () => {
      const bot = start({ TELEGRAM_BOT_TOKEN: "999:not-the-right-token" });
      expect(await bot.exited).toBe(1);
      expect(bot.stderr()).toContain("jobhound: the Bot API refused TELEGRAM_BOT_TOKEN (401 Unauthorized)");
      expect(bot.stderr()).not.toContain("not-the-right-token");
    }, 60_000);

    it("stops with exit code 1 when polling dies, e.g. a second process polls with the same token", async () => {
      const conflict = api.hook("getUpdates", () => ({
        error_code: 409,
        description: "Conflict: terminated by other getUpdates request",
      }));
      try {
        const bot = start();
        expect(await bot.exited).toBe(1);
        expect(bot.logs().map((l) => l.msg)).toEqual(
          expect.arrayContaining(["Telegram polling stopped", "shutting down"]),
        );
      } finally {
        conflict();
      }
    }, 60_000);
  });
