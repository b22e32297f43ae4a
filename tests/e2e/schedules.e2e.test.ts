/**
 * Schedules end to end (issue 19), in one run of real time: on the fake Bot API, Alice takes a
 * daily digest at the next minute boundary that leaves time to set everything up, Bob keeps quiet
 * hours that end at that minute, Carol has neither. Two cycles each bring one "marketing" job.
 * Carol gets each at once; Alice and Bob get nothing until the bot is killed with SIGKILL and
 * started again, then one digest and one grouped message with both jobs, at that minute, once.
 */
import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../fakes/fake-bot-api.js";
import { person, privateChat, type TalkChat } from "../fakes/telegram-updates.js";
import { fixture } from "../fixtures.js";
import { cyclesDone } from "./bot-process.js";
import { FILES_STORE } from "./stores.js";
import { telegramWorld, type TelegramWorld } from "./telegram-world.js";

const BASELINE = fixture("wwr-programming-2020.rss");
const NEW_ITEMS = fixture("wwr-remote-jobs-2026.rss").match(/<item>[\s\S]*<\/item>/)?.[0] ?? "";
// The five new items in feed order: Summedd, Coorbiz, Ottimate, Betu, WEX. "marketing" matches
// Ottimate (published first) and WEX (published in a later cycle).
const ITEMS = NEW_ITEMS.split(/(?<=<\/item>)/);
const withItems = (count: number) => BASELINE.replace("</channel>", `${ITEMS.slice(0, count).join("")}\n</channel>`);
const OTTIMATE = "https://weworkremotely.com/remote-jobs/ottimate-director-of-partner-marketing";
const WEX = "https://weworkremotely.com/remote-jobs/wex-product-marketing-manager-corporate-payments";

const MINUTE = 60_000;
/** What the bot needs before the digest minute: start, baseline, commands, two cycles, a restart. */
const SET_UP_MS = 40_000;

const alice = person(1001, "Alice");
const bob = person(1002, "Bob");
const carol = person(1003, "Carol");
const [aliceChat, bobChat, carolChat] = [alice, bob, carol].map((p) => privateChat(p.id, p.first_name)) as [
  TalkChat,
  TalkChat,
  TalkChat,
];

const hhmm = (at: number): string => new Date(at).toISOString().slice(11, 16);
const alertsIn = (messages: StoredMessage[]) => messages.filter((m) => /^(🔔|📬|🌙)/u.test(m.text));

describe("schedules on Telegram, end to end", () => {
  let world: TelegramWorld;
  const start = () => world.start();

  beforeAll(async () => {
    world = await telegramWorld(FILES_STORE, (board) => ({
      SOURCES: `weworkremotely=${board.url("/feed.rss")}`,
      SCRAPE_SCHEDULE: "* * * * * *",
    }));
    world.board.serve("/feed.rss", BASELINE);
  });

  afterAll(() => world.close());

  async function say(chat: TalkChat, from: User, text: string): Promise<string> {
    return (await world.say(chat, from, text)).text;
  }

  it("collects a digest, holds quiet hours, keeps instant chats instant, and survives kill -9 in between", async () => {
    const first = start();
    await first.waitFor("the baseline cycle", () => cyclesDone(first) >= 1, 30_000);
    // The nearest minute boundary that leaves time to set up (the schedule's granularity is a minute).
    const due = Math.ceil((Date.now() + SET_UP_MS) / MINUTE) * MINUTE;

    expect(await say(aliceChat, alice, "/timezone UTC")).toContain("Time zone set to UTC");
    await say(aliceChat, alice, "/subscribe marketing");
    expect(await say(aliceChat, alice, `/digest daily ${hhmm(due)}`)).toContain(`daily at ${hhmm(due)} (UTC)`);
    await say(bobChat, bob, "/subscribe marketing");
    expect(await say(bobChat, bob, `/quiet ${hhmm(due - 3 * MINUTE)}-${hhmm(due)}`)).toContain("Quiet hours");
    await say(carolChat, carol, "/subscribe marketing");

    world.board.serve("/feed.rss", withItems(3));
    await world.api.waitFor("Carol's first alert", () => alertsIn(world.api.messages(carol.id)).length >= 1);
    world.board.serve("/feed.rss", withItems(5));
    await world.api.waitFor("Carol's second alert", () => alertsIn(world.api.messages(carol.id)).length >= 2);
    // Carol's sends are saved as done; Alice's and Bob's two alerts each wait in the outbox.
    await first.waitFor("the outbox holding only the waiting alerts", () =>
      first.logs().some((l) => l.msg === "delivery since the previous cycle" && l.queued === 4),
    );
    expect(Date.now()).toBeLessThan(due); // Otherwise the set-up took too long to test anything.
    expect(alertsIn(world.api.messages(alice.id))).toEqual([]);
    expect(alertsIn(world.api.messages(bob.id))).toEqual([]);

    first.child.kill("SIGKILL");
    await first.exited;
    const second = start();
    await world.api.waitFor(
      "the digest and the end of quiet hours",
      () => alertsIn(world.api.messages(alice.id)).length >= 1 && alertsIn(world.api.messages(bob.id)).length >= 1,
      due - Date.now() + 20_000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(due);
    expect(Date.now()).toBeLessThan(due + MINUTE); // At that minute, not at the next poll of some kind.
    // Anything sent twice would go out within the next cycles: let three pass.
    const cycles = cyclesDone(second);
    await second.waitFor("three more cycles", () => cyclesDone(second) >= cycles + 3);

    const [digest, ...moreDigests] = alertsIn(world.api.messages(alice.id));
    expect(moreDigests).toEqual([]);
    expect(digest?.text).toMatch(/^📬 Your digest: 2 new jobs/u);
    expect(digest?.html).toContain(`<code>marketing</code>`);
    // Newest first.
    expect(digest?.html.indexOf(WEX)).toBeLessThan(digest?.html.indexOf(OTTIMATE) ?? -1);
    expect(digest?.html.indexOf(WEX)).toBeGreaterThan(0);

    const [held, ...moreHeld] = alertsIn(world.api.messages(bob.id));
    expect(moreHeld).toEqual([]);
    expect(held?.text).toMatch(/^🌙 During your quiet hours: 2 new jobs/u);
    expect([OTTIMATE, WEX].every((url) => held?.html.includes(url))).toBe(true);

    expect(alertsIn(world.api.messages(carol.id))).toHaveLength(2);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 150_000);
});
