/**
 * The one place that knows Telegram markup: Replies and alerts become HTML messages with inline
 * keyboards. Every string that came from a board or a person is escaped here, long fields are
 * capped so an alert stays one message, and anything still over 4096 characters is split
 * between jobs (or, for a single oversized piece, shortened) rather than rejected by Telegram.
 */
import type { InlineKeyboardButton } from "grammy/types";
import { viewActions } from "../../../commands/alert-actions.js";
import type { AlertActionCodec } from "../../core/alert-action-payload.js";
import type { Alert } from "../../core/alert.js";
import {
  alertView,
  jobView,
  moreLine,
  type AlertAction,
  type AlertEntry,
  type AlertView,
  type JobView,
} from "../../core/alert-view.js";
import type { Block, Inline, Pager, Reply } from "../../core/reply.js";
import { escapeHtml, packMessages, packPieces, type Piece } from "./html.js";
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

/**
 * At most this many jobs of one message get a row of buttons: a keyboard of 10 rows of 3 stays
 * readable on a phone and far inside Telegram's limits (about 100 buttons, 8 per row). A grouped
 * alert holds at most 10 jobs; a longer digest's further jobs in a message get no buttons (their
 * links and /latest still reach them).
 */
export const MAX_ACTION_ROWS = 10;

/**
 * A job's buttons: "Save", "Hide", "Mute company" under a single alert; in a grouped alert
 * "Save 2", "Hide 2", "Mute 2", numbered as the text numbers the job.
 */
export function actionRow(actions: readonly AlertAction[], number?: number): InlineKeyboardButton[] {
  return actions.map(({ label, payload }) => ({
    text: number === undefined ? label : `${label.split(" ")[0] ?? label} ${number}`,
    callback_data: payload,
  }));
}

/** The job number a row of actionRow's buttons was made for; undefined under a single alert. */
export function rowNumber(row: readonly InlineKeyboardButton[]): number | undefined {
  const number = /\s(\d+)$/.exec(row[0]?.text ?? "")?.[1];
  return number === undefined ? undefined : Number(number);
}

/** Notes under an alert ("📌 Saved ✓", "📌 2: Acme muted ✓") start with this mark; no line of an alert's body does. */
const NOTE_MARK = "📌 ";

/**
 * An alert's text with a note about job `number` in place of any earlier note about it (an
 * empty note just removes it). Plain text: the alert's own formatting stays in its entities,
 * which all lie in the body before the notes. Returns the new text and the length of the body.
 */
export function withNote(text: string, note: string, number?: number): { text: string; bodyLength: number } {
  const lines = text.split("\n");
  let bodyEnd = lines.length;
  while (bodyEnd > 0 && (lines[bodyEnd - 1] ?? "").startsWith(NOTE_MARK)) bodyEnd -= 1;
  const body = lines.slice(0, bodyEnd).join("\n").trimEnd();
  const prefix = number === undefined ? NOTE_MARK : `${NOTE_MARK}${number}: `;
  const notes = lines.slice(bodyEnd).filter((line) => !line.startsWith(prefix));
  const cleaned = note.replace(/\s+/g, " ").trim();
  if (cleaned !== "") notes.push(`${prefix}${cleaned}`);
  return { text: notes.length > 0 ? `${body}\n\n${notes.join("\n")}` : body, bodyLength: body.length };
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
  const keyboard = [
    ...(url ? [[{ text: `Apply ${job.via.replace(/^via/, "on")} ↗`, url }]] : []),
    ...(entry.actions.length > 0 ? [actionRow(entry.actions)] : []),
  ];
  return withKeyboard(
    packMessages([{ html: lines.join("\n"), separator: PARAGRAPH }]),
    keyboard.length > 0 ? keyboard : undefined,
  );
}

/** A piece of a grouped alert; a job's piece carries its row of buttons into whichever message it lands in. */
interface AlertPiece extends Piece {
  row?: InlineKeyboardButton[];
}

/**
 * The view as messages: a grouped alert numbers its jobs, and one too long for one message
 * splits between jobs, so nothing is left out; each message carries the buttons of its own jobs.
 */
export function renderAlertView(view: AlertView): TelegramMessage[] {
  const [first] = view.groups.flatMap((group) => group.entries);
  if (view.single && first) return singleAlert(first);
  const pieces: AlertPiece[] = [{ html: `${view.icon} <b>${escapeHtml(view.heading)}</b>:`, separator: PARAGRAPH }];
  let number = 0;
  for (const group of view.groups) {
    if (group.query !== undefined)
      pieces.push({
        html: `🔎 ${group.subscriptionId === undefined ? "" : `<b>#${escapeHtml(group.subscriptionId)}</b> `}<code>${escapeHtml(group.query)}</code>`,
        separator: PARAGRAPH,
      });
    for (const entry of group.entries) {
      number += 1;
      pieces.push({
        html: `${number}. ${jobEntry(entry.job)}\n${matchLine(entry)}`,
        separator: PARAGRAPH,
        ...(entry.actions.length > 0 ? { row: actionRow(entry.actions, number) } : {}),
      });
    }
    if (group.more)
      pieces.push({ html: escapeHtml(moreLine(group.more.count, group.more.command)), separator: PARAGRAPH });
  }
  if (view.folded) pieces.push({ html: escapeHtml(view.folded.text), separator: PARAGRAPH });
  return packPieces(pieces).map(({ html, pieces: packed }) => {
    const rows = packed.flatMap((piece) => (piece.row ? [piece.row] : [])).slice(0, MAX_ACTION_ROWS);
    return rows.length > 0 ? { text: html, keyboard: rows } : { text: html };
  });
}

/**
 * An alert as messages: a single job with its details, an Apply button and its actions, or a
 * grouped alert listing each job as a link, with a row of actions per job. `codec` signs the
 * actions for the alert's chat; without it the alert has none.
 */
export const renderAlert = (alert: Alert, now: number, codec?: AlertActionCodec): TelegramMessage[] =>
  renderAlertView(alertView(alert, now, codec && viewActions(codec, alert.chat)));
