/** A digest on every platform: a heading per subscription, newest first, "…and N more: /latest <query>". */
import { describe, expect, it } from "vitest";
import { renderAlert as renderConsole } from "../../../src/adapters/console/render.js";
import { embedLength, LIMITS, renderAlert as renderDiscord } from "../../../src/adapters/discord/render.js";
import { renderAlert as renderTelegram } from "../../../src/adapters/telegram/render.js";
import { DIGEST_CAP, digestOf, type Alert, type AlertItem } from "../../../src/core/alert.js";
import { makeJob, T0 } from "../../fakes/builders.js";
import { parseTelegramHtml } from "../../fakes/telegram-html.js";

const item = (subscriptionId: string, query: string, title = "Engineer"): AlertItem => ({
  job: makeJob({ title }),
  matches: [{ subscriptionId, query, words: [query] }],
});

/** 13 rust jobs (#1) and 2 go jobs (#12), built oldest first. */
function digestAlert(heldFor: "digest" | "quiet" = "digest"): Alert {
  const items = [
    ...Array.from({ length: 13 }, (_, i) => item("1", "rust", `Rust engineer ${i + 1}`)),
    item("12", "go", "Go engineer A"),
    item("12", "go", "Go engineer B"),
  ];
  return { chat: "telegram:1", items, digest: digestOf(items, heldFor) };
}

describe("a digest", () => {
  it("groups jobs by the subscription they matched first, newest first, and counts those beyond the cap", () => {
    const digest = digestAlert().digest;
    expect(digest?.groups.map((g) => [g.subscriptionId, g.items.length, g.more])).toEqual([
      ["1", DIGEST_CAP, 3],
      ["12", 2, 0],
    ]);
    expect(digest?.groups[0]?.items[0]?.job.title).toBe("Rust engineer 13");
    expect(digest?.groups[1]?.items.map((i) => i.job.title)).toEqual(["Go engineer B", "Go engineer A"]);
  });

  it("reads on Telegram as a heading per subscription with its jobs, links and the rest to /latest", () => {
    const messages = renderTelegram(digestAlert(), T0);
    const text = messages.map((m) => parseTelegramHtml(m.text).text).join("\n");
    expect(text).toMatch(/^📬 Your digest: 15 new jobs/u);
    expect(text).toContain("🔎 #1 rust");
    expect(text).toContain("…and 3 more: /latest rust");
    expect(text).toContain("🔎 #12 go");
    expect(text.indexOf("Rust engineer 13")).toBeLessThan(text.indexOf("Rust engineer 4"));
    expect(text).not.toContain("Rust engineer 3 —");
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(4096);
  });

  it("says when the jobs waited for quiet hours to end", () => {
    expect(renderConsole(digestAlert("quiet"), T0)).toMatch(/^🌙 During your quiet hours: 15 new jobs/u);
    expect(renderTelegram(digestAlert("quiet"), T0)[0]?.text).toContain("During your quiet hours");
  });

  it("reads in the terminal with the same parts", () => {
    const text = renderConsole(digestAlert(), T0);
    expect(text).toContain('#1 "rust":');
    expect(text).toContain("…and 3 more: /latest rust");
  });

  it("fits Discord's limits: one embed per subscription, within 6,000 characters together", () => {
    const many = Array.from({ length: 25 }, (_, s) =>
      Array.from({ length: 12 }, (_, i) => item(String(s + 1), `query ${s + 1}`, `${"Long title ".repeat(8)}${i}`)),
    ).flat();
    const message = renderDiscord({ chat: "discord:user:1", items: many, digest: digestOf(many, "digest") });
    expect(message.embeds).toHaveLength(10);
    expect(message.embeds[0]?.author?.name).toBe("Your digest: 300 new jobs");
    expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.total);
    expect(message.embeds.at(-1)?.description).toContain("#25: 12 new: `/latest query 25`");
    const small = renderDiscord(digestAlert());
    expect(small.embeds.map((e) => e.title)).toEqual(["#1 rust", "#12 go"]);
    expect(small.embeds[0]?.description).toContain("…and 3 more: `/latest rust`");
  });
});
