/**
 * The one place that knows Block Kit: Replies and alerts become Slack messages. Every string from
 * a board or a person is escaped for mrkdwn (mrkdwn.ts), so nothing in a posting pings anyone,
 * and Slack's limits are kept here: at most 50 blocks (the rest counted as "…and N more"),
 * section text 3,000 characters, button text 75, and a plain `text` fallback for notifications.
 * Under each job of an alert go its Save / Hide / Mute company buttons (alert-buttons.ts).
 */
import { viewActions } from "../../../commands/alert-actions.js";
import { findCommand } from "../../../commands/index.js";
import type { AlertActionCodec } from "../../core/alert-action-payload.js";
import type { Alert } from "../../core/alert.js";
import { alertView, jobView, moreLine, type AlertEntry, type AlertView, type JobView } from "../../core/alert-view.js";
import { truncate } from "../../core/format.js";
import type { Block, Inline, Pager, Reply } from "../../core/reply.js";
import { escapeMrkdwn, mrkdwnLink, truncateMrkdwn, webUrl } from "./mrkdwn.js";
import { actionsBlock } from "./alert-buttons.js";
import { pagerValue } from "./pager.js";

export const LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  buttonText: 75,
  buttonUrl: 3_000,
  /** The fallback shown in notifications; Slack takes more, people read less. */
  fallback: 300,
} as const;

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
  | { type: "context"; elements: Text[]; block_id?: string }
  | { type: "actions"; elements: SlackButton[]; block_id?: string };

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
  text: { type: "plain_text", text: truncate(label, LIMITS.buttonText), emoji: true },
  action_id: actionId,
  ...rest,
});

/** The job's page as a button; none when the board gave no usable link. */
function openButton(job: JobView, actionId: string): SlackButton | undefined {
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

/** "*Title* — Company" then "Anywhere · $120k–$160k / year · Full-Time · 3 h ago · via We Work Remotely". */
function jobText(job: JobView): string {
  const headline = `*${mrkdwnLink(escapeMrkdwn(job.title), job.url)}*${job.company ? ` — ${escapeMrkdwn(job.company)}` : ""}`;
  return `${headline}\n${[...job.facts, job.age, job.via].map(escapeMrkdwn).join(" · ")}`;
}

/** "🔎 rust remote (rust, remote)", escaped: the match explanation of every platform. */
const matchLine = ({ match }: AlertEntry): string => `🔎 ${escapeMrkdwn(match.text)}`;

/** A job as one section, with its page as the button beside it. */
const jobSection = (job: JobView, actionId: string, extra = ""): SlackBlock =>
  section(`${jobText(job)}${extra}`, openButton(job, actionId));

/** Blocks of a list that may have to be cut (a job and its buttons go together), and the jobs they stand for. */
interface Part {
  blocks: SlackBlock[];
  jobs: number;
}

/**
 * Fits parts into Slack's 50 blocks, `lead` blocks before them and `reserved` kept at the end; what does not fit is counted in
 * jobs when the parts stand for jobs ("…and 12 more"), else in blocks.
 */
function capBlocks(parts: readonly Part[], reserved: SlackBlock[] = [], lead = 0): SlackBlock[] {
  const room = LIMITS.blocks - reserved.length - lead;
  const all = parts.flatMap((p) => p.blocks);
  if (all.length <= room) return [...all, ...reserved];
  const kept: SlackBlock[] = [];
  let index = 0;
  for (const part of parts) {
    if (kept.length + part.blocks.length > room - 1) break;
    kept.push(...part.blocks);
    index += 1;
  }
  const left = parts.slice(index);
  const jobs = left.reduce((sum, p) => sum + p.jobs, 0);
  const more = context(escapeMrkdwn(moreLine(jobs > 0 ? jobs : left.length)));
  return [...kept, more, ...reserved];
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

function blockParts(block: Block, now: number): Part[] {
  switch (block.kind) {
    case "paragraph":
      return [{ blocks: [section(inline(block.content))], jobs: 0 }];
    case "list":
      return listSections(block.items).map((b) => ({ blocks: [b], jobs: 0 }));
    case "jobs":
      return block.jobs.map((job, i) => ({ blocks: [jobSection(jobView(job, now), `open:${i}`)], jobs: 1 }));
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
  const parts = reply.blocks.flatMap((block) => blockParts(block, now));
  return { text: fallbackOf(reply), blocks: capBlocks(parts, reply.pager ? pagerActions(reply.pager) : []) };
}

function singleAlert(view: AlertView, entry: AlertEntry): SlackMessage {
  const { job } = entry;
  const tags = job.tags.map(escapeMrkdwn);
  if (job.moreTags > 0) tags.push(escapeMrkdwn(moreLine(job.moreTags)));
  return {
    text: truncateMrkdwn(escapeMrkdwn(`${view.heading}: ${job.title} — ${job.company}`), LIMITS.fallback),
    blocks: [
      jobSection(job, "open"),
      ...(tags.length > 0 ? [context(tags.join(", "))] : []),
      context(matchLine(entry)),
      ...actionsBlock(entry.actions, 0),
    ],
  };
}

function groupedAlert(view: AlertView): SlackMessage {
  const parts: Part[] = [];
  let n = 0;
  for (const group of view.groups) {
    if (group.query !== undefined) parts.push({ blocks: [context(`🔎 \`${escapeMrkdwn(group.query)}\``)], jobs: 0 });
    for (const entry of group.entries) {
      const blocks = [jobSection(entry.job, `open:${n}`, `\n${matchLine(entry)}`), ...actionsBlock(entry.actions, n)];
      parts.push({ blocks, jobs: 1 });
      n += 1;
    }
    if (group.more)
      parts.push({
        blocks: [context(escapeMrkdwn(moreLine(group.more.count, group.more.command)))],
        jobs: group.more.count,
      });
  }
  if (view.folded) parts.push({ blocks: [context(escapeMrkdwn(view.folded.text))], jobs: 0 });
  const heading = section(`*${escapeMrkdwn(view.heading)}*`);
  return {
    text: truncateMrkdwn(escapeMrkdwn(view.heading), LIMITS.fallback),
    blocks: [heading, ...capBlocks(parts, [], 1)],
  };
}

export function renderAlertView(view: AlertView): SlackMessage {
  const [first] = view.groups.flatMap((group) => group.entries);
  if (!first) throw new Error("an alert without jobs cannot be rendered");
  return view.single ? singleAlert(view, first) : groupedAlert(view);
}

/** With `codec`, each job gets its Save / Hide / Mute company buttons, signed for the alert's chat. */
export const renderAlert = (alert: Alert, now: number, codec?: AlertActionCodec): SlackMessage =>
  renderAlertView(alertView(alert, now, codec && viewActions(codec, alert.chat)));
