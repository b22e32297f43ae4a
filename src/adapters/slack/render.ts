/**
 * The one place that knows Block Kit: Replies and alerts become Slack messages. Every string from
 * a board or a person is escaped for mrkdwn (mrkdwn.ts), so nothing in a posting pings anyone,
 * and Slack's limits are kept here: at most 50 blocks (the rest counted as "…and N more"),
 * section text 3,000 characters, button text 75, and a plain `text` fallback for notifications.
 */
import { findCommand } from "../../../commands/index.js";
import { matchedQueries, matchedWords, type Alert, type AlertItem } from "../../core/alert.js";
import { formatAge, formatSalary, sourceName } from "../../core/format.js";
import type { Job } from "../../core/job.js";
import type { Block, Inline, Pager, Reply } from "../../core/reply.js";
import { escapeMrkdwn, mrkdwnLink, truncateMrkdwn, truncatePlain, webUrl } from "./mrkdwn.js";
import { pagerValue } from "./pager.js";

export const LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  buttonText: 75,
  buttonUrl: 3_000,
  /** The fallback shown in notifications; Slack takes more, people read less. */
  fallback: 300,
} as const;

/** Caps on scraped fields, in characters: generous for real postings, bounded for hostile ones. */
const CAP = { title: 200, company: 100, location: 100, type: 60, query: 80, words: 8 };

interface Text {
  type: "mrkdwn";
  text: string;
}
interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}
export interface SlackButton {
  type: "button";
  text: PlainText;
  action_id: string;
  url?: string;
  value?: string;
  style?: "primary";
}
export type SlackBlock =
  | { type: "section"; text: Text; accessory?: SlackButton }
  | { type: "context"; elements: Text[] }
  | { type: "actions"; elements: SlackButton[] };

export interface SlackMessage {
  /** The notification and screen-reader text, mrkdwn like the blocks. */
  text: string;
  blocks: SlackBlock[];
}

const section = (text: string, accessory?: SlackButton): SlackBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: truncateMrkdwn(text, LIMITS.sectionText) },
  ...(accessory ? { accessory } : {}),
});
const context = (text: string): SlackBlock => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: truncateMrkdwn(text, LIMITS.sectionText) }],
});
const button = (label: string, actionId: string, rest: Partial<SlackButton>): SlackButton => ({
  type: "button",
  text: { type: "plain_text", text: truncatePlain(label, LIMITS.buttonText), emoji: true },
  action_id: actionId,
  ...rest,
});

const esc = (text: string, max: number): string => escapeMrkdwn(truncatePlain(text, max));

/** The job's page as a button; none when the board gave no usable link. */
function openButton(job: Job, actionId: string): SlackButton | undefined {
  const url = webUrl(job.url);
  return url && url.length <= LIMITS.buttonUrl ? button("Open job", actionId, { url }) : undefined;
}

/** The one slash command Slack has: replies saying "/latest rust" mean "/jobhound latest rust" here. */
export const SLASH_COMMAND = "/jobhound";

/** Command names in a reply's text, spelled as a person types them on Slack. */
const slackCommandNames = (text: string): string =>
  text.replace(/(^|[\s(“"'])\/([a-z0-9_]{1,32})\b/g, (whole, before: string, name: string) =>
    findCommand(name) ? `${before}${SLASH_COMMAND} ${name}` : whole,
  );

function inline(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === "string") return escapeMrkdwn(slackCommandNames(part));
      if ("url" in part) return mrkdwnLink(escapeMrkdwn(part.text), part.url);
      if (part.style === "code") return `\`${escapeMrkdwn(slackCommandNames(part.text).replace(/`/g, "ˋ"))}\``;
      return part.style === "bold" ? `*${escapeMrkdwn(part.text)}*` : `_${escapeMrkdwn(part.text)}_`;
    })
    .join("");
}

/** "Anywhere in the World · $120k–$160k / year · Full-Time · 3 h ago · via We Work Remotely" */
function facts(job: Job, now: number): string {
  return [
    esc(job.location, CAP.location),
    job.salary ? escapeMrkdwn(formatSalary(job.salary)) : "",
    job.employmentType ? esc(job.employmentType, CAP.type) : "",
    formatAge(now - job.postedAt),
    `via ${escapeMrkdwn(sourceName(job.source))}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

const headline = (job: Job): string =>
  `*${mrkdwnLink(esc(job.title, CAP.title), job.url)}*${job.company ? ` — ${esc(job.company, CAP.company)}` : ""}`;

function matchLine(item: AlertItem): string {
  const queries = matchedQueries(item)
    .map((q) => `“${esc(q, CAP.query)}”`)
    .join(", ");
  const words = matchedWords(item).slice(0, CAP.words);
  return `matched ${queries}${words.length > 0 ? ` (${words.map((w) => escapeMrkdwn(w)).join(", ")})` : ""}`;
}

/** A job as one section: headline and facts, with its page as the button beside it. */
const jobSection = (job: Job, now: number, actionId: string, extra = ""): SlackBlock =>
  section(`${headline(job)}\n${facts(job, now)}${extra}`, openButton(job, actionId));

/** Fits blocks into Slack's 50, saying honestly how many were left out; `reserved` stay at the end. */
function capBlocks(body: SlackBlock[], reserved: SlackBlock[] = []): SlackBlock[] {
  const room = LIMITS.blocks - reserved.length;
  if (body.length <= room) return [...body, ...reserved];
  const kept = body.slice(0, room - 1);
  return [...kept, context(`…and ${body.length - kept.length} more`), ...reserved];
}

/** List items packed into as few sections as the 3,000 characters allow, never cut mid-item. */
function listSections(items: readonly Inline[][]): SlackBlock[] {
  const sections: SlackBlock[] = [];
  let text = "";
  for (const item of items) {
    const line = `• ${inline(item)}`;
    if (text !== "" && text.length + 1 + line.length > LIMITS.sectionText) {
      sections.push(section(text));
      text = "";
    }
    text = text === "" ? line : `${text}\n${line}`;
  }
  if (text !== "") sections.push(section(text));
  return sections;
}

function blockSections(block: Block, now: number): SlackBlock[] {
  switch (block.kind) {
    case "paragraph":
      return [section(inline(block.content))];
    case "list":
      return listSections(block.items);
    case "jobs":
      return block.jobs.map((job, i) => jobSection(job, now, `open:${i}`));
  }
}

function pagerActions(pager: Pager): SlackBlock[] {
  const buttons = [
    ...(pager.hasPrevious
      ? [button("◀ Previous", "pager:previous", { value: pagerValue(pager, pager.page - 1) })]
      : []),
    ...(pager.hasNext ? [button("Next ▶", "pager:next", { value: pagerValue(pager, pager.page + 1) })] : []),
  ];
  return buttons.length > 0 ? [{ type: "actions", elements: buttons }] : [];
}

/** The fallback: the reply's first paragraph as text. */
function fallbackOf(reply: Reply): string {
  const first = reply.blocks.find((b) => b.kind === "paragraph");
  return truncateMrkdwn(first ? inline(first.content) : "Jobhound", LIMITS.fallback);
}

export function renderReply(reply: Reply, now: number): SlackMessage {
  const body = reply.blocks.flatMap((block) => blockSections(block, now));
  return { text: fallbackOf(reply), blocks: capBlocks(body, reply.pager ? pagerActions(reply.pager) : []) };
}

function singleAlert(item: AlertItem, now: number): SlackMessage {
  const { job } = item;
  return {
    text: truncateMrkdwn(`New job: ${esc(job.title, CAP.title)} — ${esc(job.company, CAP.company)}`, LIMITS.fallback),
    blocks: [jobSection(job, now, "open"), context(matchLine(item))],
  };
}

function groupedAlert(items: readonly AlertItem[], now: number): SlackMessage {
  const title = `*${items.length} new jobs*`;
  const body = items.map((item, i) => jobSection(item.job, now, `open:${i}`, `\n_${matchLine(item)}_`));
  return { text: `${items.length} new jobs`, blocks: capBlocks([section(title), ...body]) };
}

export function renderAlert(alert: Alert, now: number): SlackMessage {
  const [first, ...rest] = alert.items;
  if (!first) throw new Error("an alert without jobs cannot be rendered");
  return rest.length === 0 ? singleAlert(first, now) : groupedAlert(alert.items, now);
}
