/**
 * Acting on alerts on Telegram, end to end (issue #18): the real bot process, the fake Bot API, and
 * two fake boards (We Work Remotely's RSS and Remote OK's JSON) whose postings are dated now, so
 * freshness runs at its default of 30 days. Alice, Bob and a team group each subscribe to "rust";
 * Bob's chat shows what Alice's would have received had she not tapped.
 *
 * The copy of a hidden job on another board is the same job by its fingerprint and is never new;
 * the same company and title posted again on the same board under a new link is new, and that is
 * what Hide (by fingerprint) keeps out for Alice while Bob gets it.
 */
import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../fakes/fake-bot-api.js";
import { person, privateChat, supergroup } from "../fakes/telegram-updates.js";
import { cyclesDone, type BotProcess } from "./bot-process.js";
import { E2E_STORES } from "./stores.js";
import { telegramWorld, type TelegramWorld } from "./telegram-world.js";

const DAY = 86_400_000;

interface Posting {
  company: string;
  title: string;
  slug: string;
  /** Days before now the board dates it. */
  age?: number;
}

const wwrUrl = (slug: string) => `https://weworkremotely.com/remote-jobs/${slug}`;
const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function wwrFeed(postings: readonly Posting[]): string {
  const items = postings.map(
    ({ company, title, slug, age = 0 }) => `<item>
      <title>${escapeXml(`${company}: ${title}`)}</title>
      <region>Anywhere in the World</region>
      <type>Full-Time</type>
      <description>${escapeXml(`<p>${title} at ${company}.</p>`)}</description>
      <pubDate>${new Date(Date.now() - age * DAY).toUTCString()}</pubDate>
      <guid>${wwrUrl(slug)}</guid>
      <link>${wwrUrl(slug)}</link>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>We Work Remotely</title>${items.join("")}</channel></rss>`;
}

function remoteOkFeed(postings: readonly Posting[]): string {
  const jobs = postings.map(({ company, title, slug }, i) => ({
    id: String(900 + i),
    position: title,
    company,
    url: `https://remoteok.com/remote-jobs/${slug}`,
    epoch: Math.floor(Date.now() / 1000),
    location: "Worldwide",
    tags: ["rust"],
    description: `<p>${title} at ${company}.</p>`,
  }));
  return JSON.stringify([{ legal: "Terms of Remote OK" }, ...jobs]);
}

const BASELINE: Posting = { company: "Basecorp", title: "Python engineer", slug: "basecorp-python-engineer" };
const ACME = { company: "Acme", title: "Rust engineer", slug: "acme-rust-engineer" };
const FERROUS = { company: "Ferrous", title: "Senior Rust developer", slug: "ferrous-senior-rust-developer" };
const HIDDEN = { company: "Hiddenco", title: "Rust platform engineer", slug: "hiddenco-rust-platform-engineer" };
const FIRST = [BASELINE, ACME, FERROUS, HIDDEN];
// The next cycle: Acme's next job, Hiddenco's posting again under a new link, and an old posting.
const ACME_NEXT = { company: "Acme", title: "Rust backend engineer", slug: "acme-rust-backend-engineer" };
const HIDDEN_AGAIN = { ...HIDDEN, slug: "hiddenco-rust-platform-engineer-2" };
const OLD = { company: "Oldco", title: "Rust veteran", slug: "oldco-rust-veteran", age: 400 };
const SECOND = [...FIRST, ACME_NEXT, HIDDEN_AGAIN, OLD];

const alice = person(1001, "Alice");
const bob = person(1002, "Bob");
const ada = person(2001, "Ada");
const max = person(2002, "Max");
const aliceChat = privateChat(alice.id, "Alice");
const bobChat = privateChat(bob.id, "Bob");
const team = supergroup(-100700, "Team");

for (const kind of E2E_STORES)
  describe.skipIf(!kind.available)(`acting on alerts on Telegram, end to end (${kind.name})`, () => {
    let world: TelegramWorld;
    let bot: BotProcess;

    beforeAll(async () => {
      world = await telegramWorld(kind, (board) => ({
        SOURCES: `weworkremotely=${board.url("/wwr.rss")},remoteok=${board.url("/remoteok.json")}`,
        SCRAPE_SCHEDULE: "* * * * * *",
        MAX_JOB_AGE_DAYS: "30",
      }));
      world.board.serve("/wwr.rss", wwrFeed([BASELINE]));
      world.board.serve("/remoteok.json", remoteOkFeed([BASELINE]), "application/json");
      world.api.setMemberStatus(team.id, ada.id, "administrator");
      world.api.setMemberStatus(team.id, max.id, "member");
    });
    afterAll(() => world.close());

    const alerts = (chat: number) => world.api.messages(chat).filter((m) => m.text.startsWith("🔔"));
    const alertOf = (chat: number, posting: Posting): StoredMessage | undefined =>
      alerts(chat).find((m) => m.text.includes(posting.title) && m.text.includes(posting.company));
    const button = (message: StoredMessage | undefined, label: string): string => {
      const data = message?.reply_markup?.inline_keyboard.flat().find((b) => b.text === label)?.callback_data;
      if (!data) throw new Error(`no ${label} button under: ${message?.text}`);
      return data;
    };
    const tap = (message: StoredMessage | undefined, label: string, from: User) =>
      world.tap(message as StoredMessage, button(message, label), from);

    it("sends each new match with Save, Hide and Mute company, and the buttons still work after a restart", async () => {
      bot = world.start();
      await bot.waitFor("the baseline cycle", () => cyclesDone(bot) >= 1);
      for (const [chat, from] of [
        [aliceChat, alice],
        [bobChat, bob],
        [team, ada],
      ] as const)
        expect((await world.say(chat, from, "/subscribe rust")).text).toContain("Subscribed");
      world.board.serve("/wwr.rss", wwrFeed(FIRST));
      await world.api.waitFor("three alerts in each chat", () =>
        [alice.id, bob.id, team.id].every((id) => alerts(id).length >= 3),
      );
      const labels = alertOf(alice.id, ACME)?.reply_markup?.inline_keyboard.map((row) => row.map((b) => b.text));
      expect(labels).toEqual([["Apply on We Work Remotely ↗"], ["Save", "Hide", "Mute company"]]);

      // Taps below come after a restart: the buttons' signatures come from the bot token.
      expect(await world.stop(bot)).toBe(0);
      bot = world.start();
      await bot.waitFor("a cycle after the restart", () => cyclesDone(bot) >= 1);
    }, 90_000);

    it("Save keeps the job for /saved with its link, and the alert says Saved ✓ with Unsave", async () => {
      const alert = alertOf(alice.id, FERROUS);
      expect(await tap(alert, "Save", alice)).toContain("Saved ✓");
      await world.api.waitFor("the alert edited", () => alert?.text.endsWith("📌 Saved ✓") === true);
      expect(alert?.reply_markup?.inline_keyboard[1]?.map((b) => b.text)).toEqual(["Unsave", "Hide", "Mute company"]);
      const saved = await world.say(aliceChat, alice, "/saved");
      expect(saved.text).toContain(`${FERROUS.title} — ${FERROUS.company}`);
      expect(saved.entities.map((e) => e.url)).toContain(wwrUrl(FERROUS.slug));
    }, 60_000);

    it("refuses a button's payload replayed in another chat, changing nothing there", async () => {
      const alicesHide = button(alertOf(alice.id, FERROUS), "Hide");
      const bobs = alertOf(bob.id, FERROUS) as StoredMessage;
      const before = { text: bobs.text, keyboard: structuredClone(bobs.reply_markup) };
      expect(await world.tap(bobs, alicesHide, bob)).toBe(
        "This button belongs to an alert sent to another chat; nothing changed.",
      );
      expect({ text: bobs.text, keyboard: bobs.reply_markup }).toEqual(before);
      expect((await world.say(bobChat, bob, "/muted")).text).not.toContain(FERROUS.company);
    }, 60_000);

    it("in a group, refuses a member's Hide, changing nothing", async () => {
      const alert = alertOf(team.id, HIDDEN);
      expect(await tap(alert, "Hide", max)).toBe(
        "Only the group's admins can hide jobs or mute companies here; nothing changed.",
      );
      expect(alert?.reply_markup?.inline_keyboard[1]?.map((b) => b.text)).toEqual(["Save", "Hide", "Mute company"]);
    }, 60_000);

    it("after Mute company and Hide, the next job of that company and the hidden job's copies are not announced to Alice, but are to Bob", async () => {
      const acme = alertOf(alice.id, ACME);
      expect(await tap(acme, "Mute company", alice)).toContain("Acme muted ✓");
      await world.api.waitFor("the alert edited", () => acme?.text.endsWith("📌 Acme muted ✓") === true);
      expect(acme?.reply_markup?.inline_keyboard).toEqual([[expect.objectContaining({ url: wwrUrl(ACME.slug) })]]);
      expect(await tap(alertOf(alice.id, HIDDEN), "Hide", alice)).toContain("Hidden ✓");
      expect((await world.say(aliceChat, alice, "/muted")).text).toContain("Acme");

      world.board.serve("/wwr.rss", wwrFeed(SECOND));
      world.board.serve("/remoteok.json", remoteOkFeed([BASELINE, HIDDEN]), "application/json");
      const hiddenAlerts = (id: number) => alerts(id).filter((m) => m.text.includes(HIDDEN.title)).length;
      await world.api.waitFor("Acme's next job and Hiddenco's repost in Bob's chat and the team's", () =>
        [bob.id, team.id].every((id) => alertOf(id, ACME_NEXT) !== undefined && hiddenAlerts(id) === 2),
      );
      // Alice's alerts would have been decided in the same commits as Bob's: wait until the outbox is empty.
      const seen = bot.logs().length;
      await bot.waitFor("the outbox emptied", () =>
        bot
          .logs()
          .slice(seen)
          .some((l) => l.msg === "delivery since the previous cycle" && l.queued === 0),
      );
      const firstLines = (id: number) => alerts(id).map((m) => m.text.split("\n")[0] ?? "");
      expect(firstLines(alice.id).sort()).toEqual([ACME, FERROUS, HIDDEN].map((p) => `🔔 ${p.title}`).sort());
      expect(alerts(bob.id)).toHaveLength(5);
    }, 90_000);

    it("never announces a posting its board dates 400 days back, and /latest finds it", async () => {
      for (const id of [alice.id, bob.id, team.id])
        expect(alerts(id).some((m) => m.text.includes(OLD.title))).toBe(false);
      const latest = await world.say(bobChat, bob, "/latest veteran");
      expect(latest.text).toContain(`${OLD.title} — ${OLD.company}`);
      expect(await world.stop(bot)).toBe(0);
      expect(world.api.violations).toEqual([]);
    }, 60_000);
  });
