import { describe, expect, it } from "vitest";
import { defaultSettings, type Command, type CommandContext } from "../../../commands/command.js";
import { digest } from "../../../commands/digest.js";
import { quiet } from "../../../commands/quiet.js";
import { runCommand } from "../../../commands/run.js";
import { settings } from "../../../commands/settings.js";
import { timezone } from "../../../commands/timezone.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { Reply } from "../../../src/core/reply.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { fixedClock } from "../../fakes/clock.js";

const CHAT = "telegram:1";

function harness() {
  const store = memoryStore();
  const run = (command: Command, args = ""): Promise<Reply> => {
    const ctx: CommandContext = {
      chat: CHAT,
      user: "1",
      args,
      page: 0,
      store,
      clock: fixedClock(Date.UTC(2026, 6, 1, 10, 0)),
      log: silentLogger,
      sources: [],
      settings: defaultSettings,
    };
    return runCommand(command, ctx);
  };
  return { store, run };
}

/** The reply's words, markup aside. */
const text = (reply: Reply): string =>
  reply.blocks
    .map((b) =>
      b.kind === "paragraph"
        ? b.content.map((p) => (typeof p === "string" ? p : p.text)).join("")
        : b.kind === "list"
          ? b.items.map((item) => item.map((p) => (typeof p === "string" ? p : p.text)).join("")).join("\n")
          : "",
    )
    .join("\n");

describe("/timezone", () => {
  it("sets a zone by its IANA name, in any case, and says the local time there", async () => {
    const h = harness();
    expect(text(await h.run(timezone, "europe/berlin"))).toContain("Europe/Berlin: it is 12:00 there now");
    expect((await h.store.getChat(CHAT))?.timeZone).toBe("Europe/Berlin");
  });

  it.each([
    ["Mars/Base", "did you mean"],
    ["Berlin", "Europe/Berlin"],
    ["Europe/Berln", "Europe/Berlin"],
    ["+01:00", "IANA name"],
  ])("refuses %s and says what to write (%s)", async (typed, hint) => {
    const h = harness();
    const reply = await h.run(timezone, typed);
    expect(text(reply)).toContain("is not a time zone I know");
    expect(text(reply)).toContain(hint);
    expect(await h.store.getChat(CHAT)).toBeUndefined();
  });
});

describe("/digest", () => {
  it("sets a daily and a weekly digest for the chat, and turns it off", async () => {
    const h = harness();
    expect(text(await h.run(digest, "daily 08:30"))).toContain("sent daily at 08:30 (UTC: /timezone sets yours)");
    expect((await h.store.getChat(CHAT))?.digest).toEqual({ every: "day", at: 510 });
    await h.run(timezone, "Europe/Berlin");
    expect(text(await h.run(digest, "weekly Mon 18:05"))).toContain("weekly on Monday at 18:05 (Europe/Berlin)");
    expect((await h.store.getChat(CHAT))?.digest).toEqual({ every: "week", day: 1, at: 1085 });
    expect(text(await h.run(digest, "off"))).toContain("Digest off");
    expect((await h.store.getChat(CHAT))?.digest).toBeUndefined();
  });

  it("gives one subscription its own schedule, instant or default again", async () => {
    const h = harness();
    const sub = await h.store.addSubscription({ chat: CHAT, createdBy: "1", query: "rust", createdAt: 0 });
    expect(text(await h.run(digest, `#${sub.id} daily 07:00`))).toContain(`Subscription #${sub.id}`);
    expect((await h.store.subscriptionsOf(CHAT))[0]?.schedule).toEqual({ every: "day", at: 420 });
    await h.run(digest, `${sub.id} off`);
    expect((await h.store.subscriptionsOf(CHAT))[0]?.schedule).toEqual({ every: "instant" });
    expect(text(await h.run(digest, `${sub.id} default`))).toContain("follows the chat's schedule again");
    expect((await h.store.subscriptionsOf(CHAT))[0]?.schedule).toBeUndefined();
  });

  it.each([
    ["", "/digest daily 08:30"],
    ["daily", "/digest daily 08:30"],
    ["daily 25:00", "is not a time of day"],
    ["daily 8h30", "is not a time of day"],
    ["weekly someday 08:00", "is not a day of the week"],
    ["hourly", "/digest weekly monday 08:30"],
    ["default", "/digest off"],
    ["7 daily 08:00", "no subscription #7"],
  ])("answers %j with what to write", async (typed, hint) => {
    const h = harness();
    expect(text(await h.run(digest, typed))).toContain(hint);
    expect((await h.store.getChat(CHAT))?.digest).toBeUndefined();
  });
});

describe("/quiet", () => {
  it("sets quiet hours across midnight and turns them off", async () => {
    const h = harness();
    expect(text(await h.run(quiet, "22:00-07:00"))).toContain("Quiet hours 22:00–07:00");
    expect((await h.store.getChat(CHAT))?.quietHours).toEqual({ from: 1320, to: 420 });
    expect(text(await h.run(quiet, "off"))).toContain("Quiet hours off");
    expect((await h.store.getChat(CHAT))?.quietHours).toBeUndefined();
  });

  it.each([
    ["22:00", "HH:MM-HH:MM"],
    ["22:00-22:00", "end different from their start"],
    ["10pm-7am", "is not a time of day"],
  ])("answers %j with what to write", async (typed, hint) => {
    const h = harness();
    expect(text(await h.run(quiet, typed))).toContain(hint);
    expect(await h.store.getChat(CHAT)).toBeUndefined();
  });
});

describe("/settings", () => {
  it("tells the defaults in words", async () => {
    const h = harness();
    const shown = text(await h.run(settings));
    expect(shown).toContain("Time zone: UTC (the default)");
    expect(shown).toContain("Alerts: each job instantly.");
    expect(shown).toContain("Quiet hours: none.");
    expect(shown).toContain("Paused: no.");
  });

  it("tells the time zone, the schedule per subscription, quiet hours and the pause in words", async () => {
    const h = harness();
    const rust = await h.store.addSubscription({ chat: CHAT, createdBy: "1", query: "rust", createdAt: 0 });
    const go = await h.store.addSubscription({ chat: CHAT, createdBy: "1", query: "go", createdAt: 0 });
    await h.run(timezone, "America/New_York");
    await h.run(digest, "daily 08:30");
    await h.run(digest, `${go.id} weekly friday 17:00`);
    await h.run(quiet, "22:00-07:00");
    await h.store.setPaused(CHAT, true);
    const shown = text(await h.run(settings));
    expect(shown).toContain("Time zone: America/New_York");
    expect(shown).toContain("Alerts: a digest daily at 08:30.");
    expect(shown).toContain(`#${rust.id} rust — as the chat: daily at 08:30`);
    expect(shown).toContain(`#${go.id} go — weekly on Friday at 17:00`);
    expect(shown).toContain("Quiet hours: 22:00–07:00");
    expect(shown).toContain("Paused: yes: nothing is sent until /resume, digests included.");
  });
});
