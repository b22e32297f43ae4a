import fc from "fast-check";
import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { escapeMarkdown, truncate } from "../../../../src/adapters/discord/markdown.js";
import {
  embedLength,
  fitTotal,
  LIMITS,
  renderAlert,
  renderReply,
  type DiscordMessage,
} from "../../../../src/adapters/discord/render.js";
import { messageBody } from "../../../../src/adapters/discord/transport.js";
import type { Alert, AlertItem } from "../../../../src/core/alert.js";
import type { Job } from "../../../../src/core/job.js";
import { bold, code, link, list, paragraph, reply } from "../../../../src/core/reply.js";
import { makeJob, T0 } from "../../../fakes/builders.js";

const item = (job: Job, query = "rust remote", words = ["rust"]): AlertItem => ({
  job,
  matches: [{ subscriptionId: "1", query, words }],
});
const alertOf = (...items: AlertItem[]): Alert => ({ chat: "discord:channel:1", items });

/** Checks every per-part limit and the 6,000-character total. */
function expectWithinLimits(message: DiscordMessage): void {
  expect(message.embeds.length).toBeLessThanOrEqual(10);
  for (const embed of message.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(LIMITS.authorName);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.trim()).not.toBe("");
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
  expect(message.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.total);
  for (const row of message.components) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const button of row.components) {
      if ("custom_id" in button) expect(button.custom_id.length).toBeLessThanOrEqual(100);
      if ("url" in button) expect(button.url.length).toBeLessThanOrEqual(LIMITS.buttonUrl);
    }
  }
}

describe("escaping scraped text for Discord markdown", () => {
  it.each([
    ["**Urgent** hire", "\\*\\*Urgent\\*\\* hire"],
    ["@everyone hiring", "\\@everyone hiring"],
    ["ping <@123> and <@&456>", "ping \\<\\@123> and \\<\\@&456>"],
    ["[click me](https://evil.example)", "\\[click me\\](https://evil.example)"],
    ["snake_case ~~gone~~ ||spoiler|| `code`", "snake\\_case \\~\\~gone\\~\\~ \\|\\|spoiler\\|\\| \\`code\\`"],
    ["# Big heading", "\\# Big heading"],
    ["-# small print", "\\-# small print"],
    ["> quoted\n- listed\n1. numbered", "\\> quoted\n\\- listed\n1\\. numbered"],
    ["a \\ backslash", "a \\\\ backslash"],
  ])("escapes %j", (raw, escaped) => {
    expect(escapeMarkdown(raw)).toBe(escaped);
  });

  it.each(["C# developer", "Senior Dev - Remote", "Front-end #1", "Node.js, 3.5 years", "Vue 3. Great team"])(
    "leaves %j alone: it means nothing there",
    (text) => {
      expect(escapeMarkdown(text)).toBe(text);
    },
  );

  it("never cuts an escape in half or a character in two when trimming", () => {
    expect(truncate("ab\\*cd", 4)).toBe("ab…");
    expect(truncate("ab\\\\cd", 5)).toBe("ab\\\\…");
    expect(truncate("ab😀cd", 4)).toBe("ab…");
    expect(truncate("short", 5)).toBe("short");
  });
});

describe("a single alert", () => {
  const job = makeJob({
    title: "Senior Rust Engineer",
    company: "Ferrous Systems",
    companyUrl: "https://ferrous.example",
    location: "Europe only",
    employmentType: "Full-Time",
    salary: { min: 120_000, max: 160_000, currency: "USD", period: "year" },
    tags: ["rust", "tokio"],
    source: "weworkremotely",
    url: "https://weworkremotely.com/remote-jobs/ferrous-senior-rust",
    postedAt: T0,
  });
  const message = renderAlert(alertOf(item(job)));
  const embed = message.embeds[0] as APIEmbed;

  it("is an embed whose title links to the job page, with the company as author", () => {
    expect(message.embeds).toHaveLength(1);
    expect(embed).toMatchObject({
      title: "Senior Rust Engineer",
      url: job.url,
      author: { name: "Ferrous Systems", url: "https://ferrous.example" },
      timestamp: new Date(T0).toISOString(),
    });
  });

  it("has fields for location, salary, type, tags and when it was posted", () => {
    expect(embed.fields).toEqual([
      { name: "Location", value: "Europe only", inline: true },
      { name: "Salary", value: "$120k–$160k / year", inline: true },
      { name: "Type", value: "Full-Time", inline: true },
      { name: "Tags", value: "rust, tokio", inline: false },
      { name: "Posted", value: `<t:${T0 / 1000}:R>`, inline: true },
    ]);
  });

  it("names the board and the query that matched in the footer", () => {
    expect(embed.footer?.text).toBe("via We Work Remotely · 🔎 rust remote (rust)");
  });

  it("has an Apply link button to the job page", () => {
    expect(message.components).toEqual([
      { type: 1, components: [{ type: 2, style: 5, label: "Apply", url: job.url }] },
    ]);
  });

  it("leaves out what the board did not state, and the button when the link is too long for one", () => {
    const bare = makeJob({ tags: ["", " "], employmentType: " ", url: `https://jobs.example.com/${"x".repeat(600)}` });
    const rendered = renderAlert(alertOf(item(bare)));
    expect(rendered.embeds[0]?.fields?.map((f) => f.name)).toEqual(["Location", "Posted"]);
    expect(rendered.components).toEqual([]);
    expect(rendered.embeds[0]?.url).toBe(bare.url);
  });

  it("escapes what the board wrote, so a posting cannot format, link or mention", () => {
    const hostile = makeJob({
      title: "@everyone **URGENT** [apply](https://evil.example)",
      company: "Evil_Corp",
      tags: ["<@&1>"],
    });
    const rendered = renderAlert(alertOf(item(hostile)));
    expect(rendered.embeds[0]?.title).toBe("\\@everyone \\*\\*URGENT\\*\\* \\[apply\\](https://evil.example)");
    expect(rendered.embeds[0]?.fields?.find((f) => f.name === "Tags")?.value).toBe("\\<\\@&1>");
    // Author names show no markdown at all: they stay as written.
    expect(rendered.embeds[0]?.author?.name).toBe("Evil_Corp");
  });
});

describe("a grouped alert", () => {
  it("is one embed listing every job with its link and the query that matched", () => {
    const jobs = Array.from({ length: 8 }, (_, n) => makeJob({ title: `Rust job ${n}` }));
    const message = renderAlert(alertOf(...jobs.map((job) => item(job))));
    expect(message.embeds).toHaveLength(1);
    expect(message.embeds[0]?.title).toBe("8 new jobs for your subscriptions");
    for (const job of jobs)
      expect(message.embeds[0]?.description).toContain(`**[Rust job ${job.title.slice(-1)}](${job.url})**`);
    expect(message.embeds[0]?.description).toContain("🔎 rust remote (rust)");
    expectWithinLimits(message);
  });

  it("says how many jobs did not fit instead of cutting the list mid-entry", () => {
    const jobs = Array.from({ length: 10 }, () =>
      makeJob({ title: "T".repeat(400), url: `https://jobs.example.com/${"p".repeat(700)}` }),
    );
    const description = renderAlert(alertOf(...jobs.map((job) => item(job)))).embeds[0]?.description ?? "";
    expect(description.length).toBeLessThanOrEqual(LIMITS.description);
    expect(description).toMatch(/…and \d+ more$/);
  });
});

describe("any alert", () => {
  const text = (maxLength: number) => fc.string({ unit: "binary", maxLength });
  const jobs = fc.record({
    title: text(600),
    company: text(400),
    location: text(1500),
    employmentType: text(300),
    tags: fc.array(text(120), { maxLength: 30 }),
    query: text(200),
  });

  it("fits every Discord limit, the 6,000-character total included", () => {
    fc.assert(
      fc.property(jobs, fc.integer({ min: 1, max: 10 }), (fields, count) => {
        const items = Array.from({ length: count }, () =>
          item(
            makeJob({
              ...fields,
              title: fields.title || "t",
              company: fields.company || "c",
              location: fields.location || "l",
            }),
            fields.query || "q",
            [fields.query],
          ),
        );
        expectWithinLimits(renderAlert(alertOf(...items)));
      }),
      { numRuns: 150 },
    );
  });

  it("shrinks embeds that fit each limit but not the total together", () => {
    const fields = Array.from({ length: 5 }, (_, n) => ({ name: `field ${n}`, value: "v".repeat(1024) }));
    const embeds = fitTotal([
      { title: "t".repeat(256), description: "d".repeat(4096), fields },
      { description: "e".repeat(2000) },
    ]);
    expect(embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.total);
    expect(embeds[0]?.title).toHaveLength(256);
  });

  it("allows no mentions when sent", () => {
    const body = messageBody(renderAlert(alertOf(item(makeJob({ title: "@everyone hiring" })))));
    expect(body).toMatchObject({ allowed_mentions: { parse: [] } });
  });
});

describe("a reply", () => {
  it("renders paragraphs, lists, bold, code and links as markdown, escaping the text", () => {
    const message = renderReply(
      reply(
        paragraph("Subscribed ", bold("#1"), ": rust_lang"),
        list([[code("/latest a`b"), " — ", link("docs", "https://x.example/a_(b)")]]),
      ),
    );
    expect(message.embeds[0]?.description).toBe(
      "Subscribed **#1**: rust\\_lang\n\n• `/latest aˋb` — [docs](https://x.example/a_%28b%29)",
    );
    expect(message.components).toEqual([]);
  });

  it("pages with previous/next buttons that carry the query, and writes the query in the footer", () => {
    const message = renderReply({
      ...reply(paragraph("page 2")),
      pager: { command: "latest", query: "rust", page: 1, hasPrevious: true, hasNext: false },
    });
    expect(message.embeds[0]?.footer?.text).toBe("/latest rust");
    expect(message.components[0]?.components).toMatchObject([
      { label: "◀ Previous", custom_id: "pager:latest:0:q:rust", disabled: false },
      { label: "Next ▶", custom_id: "pager:latest:2:q:rust", disabled: true },
    ]);
  });

  it("keeps custom ids within 100 characters for the longest query", () => {
    const query = "q".repeat(200);
    const message = renderReply({
      ...reply(paragraph("x")),
      pager: { command: "latest", query, page: 999, hasPrevious: true, hasNext: true },
    });
    expectWithinLimits(message);
    expect(message.embeds[0]?.footer?.text).toBe(`/latest ${query}`);
  });

  it("shows as many items of a long list as fit and counts the rest as items", () => {
    const query = "rust OR go OR typescript backend -php title:senior location:europe ".repeat(3).slice(0, 190);
    const rows = Array.from({ length: 25 }, (_, i) => [bold(`#${i + 1}`), " ", code(query), " — 3 alerts so far"]);
    const description =
      renderReply(reply(paragraph("This chat has 25 subscriptions:"), list(rows))).embeds[0]?.description ?? "";
    const shown = description.split("\n").filter((line) => line.startsWith("• ")).length;
    expect(description.length).toBeLessThanOrEqual(LIMITS.description);
    expect(description).toMatch(/^This chat has 25 subscriptions:\n\n• \*\*#1\*\* /);
    expect(shown).toBeGreaterThan(15);
    expect(description).toMatch(new RegExp(`\n…and ${25 - shown} more$`));
  });

  it("lists many jobs within the description limit", () => {
    const jobs = Array.from({ length: 30 }, () => makeJob({ title: "*".repeat(300) }));
    expectWithinLimits(renderReply(reply({ kind: "jobs", jobs })));
  });
});
