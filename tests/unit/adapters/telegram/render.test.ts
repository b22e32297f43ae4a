import { describe, expect, it } from "vitest";
import type { Alert, AlertItem } from "../../../../src/core/alert.js";
import type { Job } from "../../../../src/core/job.js";
import { bold, code, link, list, paragraph, reply, type Reply } from "../../../../src/core/reply.js";
import {
  MAX_ACTION_ROWS,
  renderAlert,
  renderReply,
  withNote,
  type TelegramMessage,
} from "../../../../src/adapters/telegram/render.js";
import { alertActionCodec } from "../../../../src/core/alert-action-payload.js";
import { makeJob, T0 } from "../../../fakes/builders.js";
import { parseTelegramHtml } from "../../../fakes/telegram-html.js";

const HOUR = 3_600_000;
const NOW = T0 + 3 * HOUR;

function item(job: Job, ...queries: string[]): AlertItem {
  return {
    job,
    matches: (queries.length > 0 ? queries : ["rust remote"]).map((query, i) => ({
      subscriptionId: String(i + 1),
      query,
      words: query.split(" "),
    })),
  };
}

const alertOf = (...items: AlertItem[]): Alert => ({ chat: "telegram:42", items });

/** What Telegram would show: throws where Telegram would refuse the markup. */
const shown = (message: TelegramMessage): string => parseTelegramHtml(message.text).text;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectValid(messages: readonly TelegramMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    const text = shown(message);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text.trim()).not.toBe("");
    expect(text).not.toMatch(LONE_SURROGATE);
    for (const button of message.keyboard?.flat() ?? []) {
      if ("callback_data" in button) expect(Buffer.byteLength(button.callback_data ?? "")).toBeLessThanOrEqual(64);
    }
  }
}

describe("Telegram alerts", () => {
  it("show title, company, location, salary, type, tags, age, source and what matched, with an Apply button", () => {
    const job = makeJob({
      title: "Senior Rust Engineer",
      company: "Ferrous Systems",
      location: "Europe only",
      employmentType: "Full-Time",
      salary: { min: 120_000, max: 160_000, currency: "USD", period: "year" },
      tags: ["rust", "backend"],
      source: "weworkremotely",
      url: "https://weworkremotely.com/remote-jobs/ferrous-senior-rust",
    });
    const [message, ...rest] = renderAlert(alertOf(item(job, "rust remote")), NOW);
    expect(rest).toEqual([]);
    expect(message?.text).toContain("<b>Senior Rust Engineer</b>");
    const text = shown(message as TelegramMessage);
    for (const part of [
      "Ferrous Systems",
      "Europe only",
      "$120k–$160k / year",
      "Full-Time",
      "rust, backend",
      "3 h ago",
      "via We Work Remotely",
      "rust remote",
      "(rust, remote)",
    ]) {
      expect(text).toContain(part);
    }
    expect(message?.keyboard).toEqual([
      [{ text: "Apply on We Work Remotely ↗", url: "https://weworkremotely.com/remote-jobs/ferrous-senior-rust" }],
    ]);
  });

  it('escape <, & and " in every scraped field, so markup in a posting stays text', () => {
    const job = makeJob({
      title: `<b>Lead</b> "C++" & <script>alert(1)</script>`,
      company: "Tom & Jerry <Ltd>",
      companyUrl: `https://example.com/?a=1&b="2"`,
      location: `"Remote" <EU>`,
      tags: ["c++ <3", "a&b"],
      description: "<i>unclosed & broken",
    });
    const [message] = renderAlert(alertOf(item(job, `say "<hi>" & bye`)), NOW);
    expectValid([message as TelegramMessage]);
    const text = shown(message as TelegramMessage);
    for (const raw of [job.title, job.company, job.location, "c++ <3, a&b", "<i>unclosed & broken", `say "<hi>" & bye`])
      expect(text).toContain(raw);
    expect(message?.text).not.toContain("<script>");
    expect(parseTelegramHtml(message?.text ?? "").entities).toContainEqual(
      expect.objectContaining({ type: "text_link", url: `https://example.com/?a=1&b=%222%22` }),
    );
  });

  it("keep emoji whole, also where a long field is cut", () => {
    const job = makeJob({ title: `🚀 ${"🦀".repeat(250)}`, company: "Crab Co 🦀" });
    const messages = renderAlert(alertOf(item(job)), NOW);
    expectValid(messages);
    expect(shown(messages[0] as TelegramMessage)).toContain("🚀 🦀🦀");
    expect(shown(messages[0] as TelegramMessage)).toContain("…");
  });

  it("stay one message with a 4,000-character description, showing a short excerpt", () => {
    const job = makeJob({
      description: `We build things. ${"Lorem ipsum dolor sit amet & <more>. ".repeat(110)}`.slice(0, 4000),
    });
    expect(job.description).toHaveLength(4000);
    const messages = renderAlert(alertOf(item(job)), NOW);
    expectValid(messages);
    expect(messages).toHaveLength(1);
    const text = shown(messages[0] as TelegramMessage);
    expect(text).toContain("We build things. Lorem ipsum");
    expect(text.length).toBeLessThan(1000);
  });

  it("list each job of a grouped alert as a link to its page", () => {
    const jobs = [makeJob({ title: "Rust dev" }), makeJob({ title: "Go dev" }), makeJob({ title: "Zig dev" })];
    const messages = renderAlert(alertOf(...jobs.map((job) => item(job))), NOW);
    expectValid(messages);
    expect(messages).toHaveLength(1);
    const { text, entities } = parseTelegramHtml(messages[0]?.text ?? "");
    expect(text).toContain("3 new jobs");
    expect(entities.filter((e) => e.type === "text_link").map((e) => e.url)).toEqual(jobs.map((job) => job.url));
  });

  it("split a grouped alert too long for one message between jobs, each job whole in one message", () => {
    const longQuery = "senior principal staff engineer platform infrastructure reliability kubernetes terraform go";
    const jobs = Array.from({ length: 10 }, (_, i) =>
      makeJob({ title: `${"Very long title ".repeat(14)}${i}`, company: "C".repeat(100), location: "L".repeat(100) }),
    );
    const messages = renderAlert(
      alertOf(...jobs.map((job) => item(job, longQuery, `${longQuery} b`, `${longQuery} c`, "d"))),
      NOW,
    );
    expectValid(messages);
    expect(messages.length).toBeGreaterThan(1);
    const links = messages.flatMap((m) =>
      parseTelegramHtml(m.text)
        .entities.filter((e) => e.type === "text_link")
        .map((e) => e.url),
    );
    expect(links).toEqual(jobs.map((job) => job.url));
  });

  it("leave out links and buttons for addresses Telegram would refuse", () => {
    const job = makeJob({ url: "javascript:alert(1)", companyUrl: "ftp://example.com" });
    const [message] = renderAlert(alertOf(item(job)), NOW);
    expectValid([message as TelegramMessage]);
    expect(message?.keyboard).toBeUndefined();
    expect(message?.text).not.toContain("href");
  });
});

describe("Telegram alert buttons", () => {
  const codec = alertActionCodec("a secret for the render tests");
  const rowLabels = (message: TelegramMessage | undefined) =>
    (message?.keyboard ?? []).filter((row) => row.every((b) => "callback_data" in b)).map((row) => row[0]?.text);

  it("give a single alert one row of Save, Hide and Mute company, each signed for the alert's chat", () => {
    const job = makeJob();
    const [message] = renderAlert(alertOf(item(job)), NOW, codec);
    const row = message?.keyboard?.[1] ?? [];
    expect(row.map((b) => b.text)).toEqual(["Save", "Hide", "Mute company"]);
    for (const button of row) {
      const data = "callback_data" in button ? (button.callback_data ?? "") : "";
      expect(codec.decode("telegram:42", data)).toMatchObject({ ok: true, seq: job.seq });
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    }
  });

  it("number a grouped alert's jobs in the text and on their buttons, at most 10 rows a message", () => {
    const jobs = Array.from({ length: 14 }, (_, i) => makeJob({ title: `Job ${i + 1}` }));
    const messages = renderAlert(alertOf(...jobs.map((job) => item(job))), NOW, codec);
    expectValid(messages);
    expect(messages).toHaveLength(1);
    expect(shown(messages[0] as TelegramMessage)).toContain("14. Job 14");
    expect(rowLabels(messages[0])).toEqual(Array.from({ length: MAX_ACTION_ROWS }, (_, i) => `Save ${i + 1}`));
  });

  it("give each message of a split alert the buttons of its own jobs", () => {
    const jobs = Array.from({ length: 10 }, (_, i) =>
      makeJob({ title: `${"Very long title ".repeat(14)}${i}`, company: "C".repeat(100), location: "L".repeat(100) }),
    );
    const queries = ["q ".repeat(40), "r ".repeat(40), "s ".repeat(40)];
    const messages = renderAlert(alertOf(...jobs.map((job) => item(job, ...queries))), NOW, codec);
    expectValid(messages);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      const numbers = [...shown(message).matchAll(/^(\d+)\. Very long/gmu)].map((m) => `Save ${m[1]}`);
      expect(numbers.length).toBeGreaterThan(0);
      expect(rowLabels(message)).toEqual(numbers);
    }
  });

  it("note an action under the alert, replacing the earlier note about the same job", () => {
    const body = "🔔 New jobs\n\n1. A\n🔎 rust\n\n2. B\n🔎 rust";
    const saved = withNote(body, "Saved ✓", 1);
    expect(saved).toEqual({ text: `${body}\n\n📌 1: Saved ✓`, bodyLength: body.length });
    const both = withNote(saved.text, "Acme\nmuted ✓", 2).text;
    expect(both).toBe(`${body}\n\n📌 1: Saved ✓\n📌 2: Acme muted ✓`);
    expect(withNote(both, "", 1).text).toBe(`${body}\n\n📌 2: Acme muted ✓`);
    expect(withNote(withNote(body, "Saved ✓").text, "").text).toBe(body);
  });
});

describe("Telegram replies", () => {
  it("render bold, code, links and lists as Telegram HTML", () => {
    const [message] = renderReply(
      reply(
        paragraph("Hi ", bold("there"), " & ", code("/subscribe <q>")),
        list([[link("docs", "https://example.com/a?b=1&c=2")], ["second"]]),
      ),
      NOW,
    );
    expect(message?.text).toBe(
      'Hi <b>there</b> &amp; <code>/subscribe &lt;q&gt;</code>\n\n• <a href="https://example.com/a?b=1&amp;c=2">docs</a>\n• second',
    );
  });

  it("split a reply over 4096 characters between list items, never inside markup", () => {
    const rows = Array.from({ length: 300 }, (_, i) => [bold(`#${i}`), ` ${"x".repeat(30)} & <y>`]);
    const messages = renderReply(reply(paragraph("Many:"), list(rows)), NOW);
    expectValid(messages);
    expect(messages.length).toBeGreaterThan(1);
    const all = messages.map(shown).join("\n");
    for (let i = 0; i < 300; i += 1) expect(all).toContain(`• #${i} `);
  });

  it("shorten a single piece longer than a message instead of failing", () => {
    const messages = renderReply(reply(paragraph("a & b ".repeat(1000))), NOW);
    expectValid(messages);
    expect(messages).toHaveLength(1);
    expect(shown(messages[0] as TelegramMessage).endsWith("…")).toBe(true);
  });

  it("give a paged reply Prev/Next buttons within 64 bytes, and show its query", () => {
    const paged = (query: string, page: number): Reply => ({
      ...reply(paragraph(`page ${page + 1}`), { kind: "jobs", jobs: [makeJob({ title: "A <job>" })] }),
      pager: { command: "latest", query, page, hasPrevious: page > 0, hasNext: true },
    });
    const [first] = renderReply(paged("rust remote", 0), NOW);
    expect(first?.keyboard).toEqual([[{ text: "Next ›", callback_data: "pg1:latest:1:=rust remote" }]]);
    expect(shown(first as TelegramMessage)).toContain("🔎 rust remote");

    const long = `${"ünïcödé ".repeat(24)}😀`.trim();
    const [middle] = renderReply(paged(long, 3), NOW);
    expectValid([middle as TelegramMessage]);
    expect(middle?.keyboard?.[0]?.map((b) => b.text)).toEqual(["‹ Prev", "Next ›"]);
  });
});
