/**
 * The one place that knows Telegram markup: Replies and alerts become HTML messages with inline
 * keyboards. Every string that came from a board or a person is escaped here, long fields are
 * capped so an alert stays one message, and anything still over 4096 characters is split
 * between jobs (or, for a single oversized piece, shortened) rather than rejected by Telegram.
 */
import type { InlineKeyboardButton } from "grammy/types";
import { matchedQueries, matchedWords, type Alert, type AlertItem, type Digest } from "../../core/alert.js";
import { formatAge, formatSalary, sourceName } from "../../core/format.js";
import type { Job } from "../../core/job.js";
import type { Block, Inline, Pager, Reply } from "../../core/reply.js";
import { escapeHtml, packMessages, truncate, type Piece } from "./html.js";
import { encodePageButton } from "./paging.js";

export interface TelegramMessage {
  /** Telegram HTML, for parse_mode "HTML". */
  text: string;
  keyboard?: InlineKeyboardButton[][];
}

/** How every message is sent: as HTML, without link previews (the buttons and links say enough). */
export function messageOptions(message: TelegramMessage) {
  return {
    parse_mode: "HTML" as const,
    link_preview_options: { is_disabled: true },
    ...(message.keyboard ? { reply_markup: { inline_keyboard: message.keyboard } } : {}),
  };
}

/** Caps on scraped fields, in characters: generous for real postings, bounded for hostile ones. */
const CAP = {
  title: 200,
  company: 100,
  location: 100,
  type: 60,
  tag: 40,
  tags: 12,
  excerpt: 300,
  query: 80,
  queries: 3,
  words: 8,
};

const PARAGRAPH = "\n\n";
const LINE = "\n";

const esc = (text: string, max: number): string => escapeHtml(truncate(text, max));

/** Only http(s) URLs become links and buttons; Telegram rejects a message with anything else. */
function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function anchor(html: string, url: string): string {
  const href = safeUrl(url);
  return href ? `<a href="${escapeHtml(href)}">${html}</a>` : html;
}

function renderInline(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === "string") return escapeHtml(part);
      if ("url" in part) return anchor(escapeHtml(part.text), part.url);
      const tag = { bold: "b", italic: "i", code: "code" }[part.style];
      return `<${tag}>${escapeHtml(part.text)}</${tag}>`;
    })
    .join("");
}

/** "Anywhere in the World · $120k–$160k / year · Full-Time · 3 h ago · via We Work Remotely" */
function facts(job: Job, now: number): string {
  return [
    esc(job.location, CAP.location),
    job.salary ? escapeHtml(formatSalary(job.salary)) : "",
    job.employmentType ? esc(job.employmentType, CAP.type) : "",
    formatAge(now - job.postedAt),
    `via ${escapeHtml(sourceName(job.source))}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

function company(job: Job): string {
  const name = esc(job.company, CAP.company);
  return job.companyUrl ? anchor(name, job.companyUrl) : name;
}

/** A job in a list (/latest, grouped alerts): its title links to the job page. */
function jobEntry(job: Job, now: number): string {
  return `<b>${anchor(esc(job.title, CAP.title), job.url)}</b> — ${company(job)}\n${facts(job, now)}`;
}

/** "🔎 rust remote (rust, remote)": which subscriptions matched, and on which words. */
function matchLine(item: AlertItem): string {
  const queries = matchedQueries(item);
  const shown = queries.slice(0, CAP.queries).map((q) => `<code>${esc(q, CAP.query)}</code>`);
  const more = queries.length > CAP.queries ? ` and ${queries.length - CAP.queries} more` : "";
  const words = matchedWords(item).slice(0, CAP.words);
  const why = words.length > 0 ? ` (${esc(words.join(", "), CAP.query)})` : "";
  return `🔎 ${shown.join(", ")}${more}${why}`;
}

function blockPieces(block: Block, now: number): Piece[] {
  switch (block.kind) {
    case "paragraph":
      return [{ html: renderInline(block.content), separator: PARAGRAPH }];
    case "list":
      return block.items.map((item, i) => ({ html: `• ${renderInline(item)}`, separator: i === 0 ? PARAGRAPH : LINE }));
    case "jobs":
      return block.jobs.map((job) => ({ html: jobEntry(job, now), separator: PARAGRAPH }));
  }
}

function pagerKeyboard(pager: Pager): InlineKeyboardButton[][] | undefined {
  const row: InlineKeyboardButton[] = [];
  if (pager.hasPrevious)
    row.push({ text: "‹ Prev", callback_data: encodePageButton(pager.command, pager.query, pager.page - 1) });
  if (pager.hasNext)
    row.push({ text: "Next ›", callback_data: encodePageButton(pager.command, pager.query, pager.page + 1) });
  return row.length > 0 ? [row] : undefined;
}

function withKeyboard(texts: string[], keyboard: InlineKeyboardButton[][] | undefined): TelegramMessage[] {
  return texts.map((text, i) => (keyboard && i === texts.length - 1 ? { text, keyboard } : { text }));
}

/**
 * A Reply as one or more messages. A paged reply ends with its query as a code entity: the page
 * buttons of a long query find it there (see paging.ts), and a reader sees what was asked.
 */
export function renderReply(reply: Reply, now: number): TelegramMessage[] {
  const pieces = reply.blocks.flatMap((block) => blockPieces(block, now));
  if (reply.pager && reply.pager.query !== "") {
    pieces.push({ html: `🔎 <code>${escapeHtml(reply.pager.query)}</code>`, separator: PARAGRAPH });
  }
  return withKeyboard(packMessages(pieces), reply.pager && pagerKeyboard(reply.pager));
}

function singleAlert(item: AlertItem, now: number): TelegramMessage[] {
  const { job } = item;
  const lines = [`🔔 <b>${esc(job.title, CAP.title)}</b>`, `🏢 ${company(job)}`, `📍 ${facts(job, now)}`];
  if (job.tags.length > 0)
    lines.push(
      `🏷 ${job.tags
        .slice(0, CAP.tags)
        .map((tag) => esc(tag, CAP.tag))
        .join(", ")}`,
    );
  if (job.description) lines.push("", `<i>${esc(job.description.replace(/\s+/g, " "), CAP.excerpt)}</i>`);
  lines.push("", matchLine(item));
  const url = safeUrl(job.url);
  const keyboard = url ? [[{ text: `Apply on ${sourceName(job.source)} ↗`, url }]] : undefined;
  return withKeyboard(packMessages([{ html: lines.join("\n"), separator: PARAGRAPH }]), keyboard);
}

/** A digest: a heading per subscription, its jobs as links, "…and N more: /latest <query>". */
function digestPieces(digest: Digest, now: number): Piece[] {
  const count = digest.groups.reduce((n, group) => n + group.items.length + group.more, 0);
  const jobs = `${count} new ${count === 1 ? "job" : "jobs"}`;
  const title =
    digest.heldFor === "digest" ? `📬 <b>Your digest: ${jobs}</b>` : `🌙 <b>During your quiet hours: ${jobs}</b>`;
  const pieces: Piece[] = [{ html: title, separator: PARAGRAPH }];
  for (const group of digest.groups) {
    pieces.push({
      html: `🔎 <b>#${escapeHtml(group.subscriptionId)}</b> <code>${esc(group.query, CAP.query)}</code>`,
      separator: PARAGRAPH,
    });
    for (const item of group.items)
      pieces.push({ html: `${jobEntry(item.job, now)}\n${matchLine(item)}`, separator: PARAGRAPH });
    if (group.more > 0)
      pieces.push({
        html: `…and ${group.more} more: <code>/latest ${escapeHtml(group.query)}</code>`,
        separator: PARAGRAPH,
      });
  }
  return pieces;
}

/**
 * An alert as messages: a single job with its details and an Apply button, a grouped alert
 * listing each job as a link, or a digest. A grouped alert or a digest too long for one message
 * splits between jobs.
 */
export function renderAlert(alert: Alert, now: number): TelegramMessage[] {
  if (alert.digest) return packMessages(digestPieces(alert.digest, now)).map((text) => ({ text }));
  const [first] = alert.items;
  if (alert.items.length === 1 && first) return singleAlert(first, now);
  const pieces: Piece[] = [
    { html: `🔔 <b>${alert.items.length} new jobs</b> for your subscriptions:`, separator: PARAGRAPH },
  ];
  for (const item of alert.items)
    pieces.push({ html: `${jobEntry(item.job, now)}\n${matchLine(item)}`, separator: PARAGRAPH });
  return packMessages(pieces).map((text) => ({ text }));
}
