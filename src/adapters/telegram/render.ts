/**
 * The one place that knows Telegram markup: Replies and alerts become HTML messages with inline
 * keyboards. Every string that came from a board or a person is escaped here, long fields are
 * capped so an alert stays one message, and anything still over 4096 characters is split
 * between jobs (or, for a single oversized piece, shortened) rather than rejected by Telegram.
 */
import type { InlineKeyboardButton } from "grammy/types";
import type { Alert } from "../../core/alert.js";
import { alertView, jobView, moreLine, type AlertEntry, type AlertView, type JobView } from "../../core/alert-view.js";
import type { Block, Inline, Pager, Reply } from "../../core/reply.js";
import { escapeHtml, packMessages, type Piece } from "./html.js";
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

const PARAGRAPH = "\n\n";
const LINE = "\n";

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
const facts = (job: JobView): string => [...job.facts, job.age, job.via].map(escapeHtml).join(" · ");

function company(job: JobView): string {
  const name = escapeHtml(job.company);
  return job.companyUrl ? anchor(name, job.companyUrl) : name;
}

/** A job in a list (/latest, grouped alerts): its title links to the job page. */
function jobEntry(job: JobView): string {
  return `<b>${anchor(escapeHtml(job.title), job.url)}</b> — ${company(job)}\n${facts(job)}`;
}

/** "🔎 rust remote (rust, remote)": which subscriptions matched, and on which words. */
const matchLine = ({ match }: AlertEntry): string => `🔎 ${escapeHtml(match.text)}`;

function blockPieces(block: Block, now: number): Piece[] {
  switch (block.kind) {
    case "paragraph":
      return [{ html: renderInline(block.content), separator: PARAGRAPH }];
    case "list":
      return block.items.map((item, i) => ({ html: `• ${renderInline(item)}`, separator: i === 0 ? PARAGRAPH : LINE }));
    case "jobs":
      return block.jobs.map((job) => ({ html: jobEntry(jobView(job, now)), separator: PARAGRAPH }));
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

function singleAlert(entry: AlertEntry): TelegramMessage[] {
  const { job } = entry;
  const lines = [`🔔 <b>${escapeHtml(job.title)}</b>`, `🏢 ${company(job)}`, `📍 ${facts(job)}`];
  if (job.tags.length > 0) {
    const more = job.moreTags > 0 ? ` ${moreLine(job.moreTags)}` : "";
    lines.push(`🏷 ${job.tags.map(escapeHtml).join(", ")}${escapeHtml(more)}`);
  }
  if (job.excerpt) lines.push("", `<i>${escapeHtml(job.excerpt)}</i>`);
  lines.push("", matchLine(entry));
  const url = safeUrl(job.url);
  const keyboard = url ? [[{ text: `Apply ${job.via.replace(/^via/, "on")} ↗`, url }]] : undefined;
  return withKeyboard(packMessages([{ html: lines.join("\n"), separator: PARAGRAPH }]), keyboard);
}

/** The view as messages: a grouped alert too long for one message splits between jobs, so nothing is left out. */
export function renderAlertView(view: AlertView): TelegramMessage[] {
  const [first] = view.groups.flatMap((group) => group.entries);
  if (view.single && first) return singleAlert(first);
  const pieces: Piece[] = [{ html: `🔔 <b>${escapeHtml(view.heading)}</b>:`, separator: PARAGRAPH }];
  for (const group of view.groups) {
    if (group.query !== undefined)
      pieces.push({ html: `🔎 <code>${escapeHtml(group.query)}</code>`, separator: PARAGRAPH });
    for (const entry of group.entries)
      pieces.push({ html: `${jobEntry(entry.job)}\n${matchLine(entry)}`, separator: PARAGRAPH });
    if (group.more)
      pieces.push({ html: escapeHtml(moreLine(group.more.count, group.more.command)), separator: PARAGRAPH });
  }
  if (view.folded) pieces.push({ html: escapeHtml(view.folded.text), separator: PARAGRAPH });
  return packMessages(pieces).map((text) => ({ text }));
}

/**
 * An alert as messages: a single job with its details and an Apply button, or a grouped alert
 * listing each job as a link.
 */
export const renderAlert = (alert: Alert, now: number): TelegramMessage[] => renderAlertView(alertView(alert, now));
