/**
 * Replies and alerts as plain terminal text. The terminal has no markup to escape, but scraped
 * text can carry control characters that would move the cursor or recolour the screen: those go.
 */
import type { Alert } from "../../core/alert.js";
import { alertView, jobView, moreLine, type AlertEntry, type AlertView, type JobView } from "../../core/alert-view.js";
import type { Block, Inline, Reply } from "../../core/reply.js";

// Control characters other than newline and tab, including the ESC that starts ANSI sequences.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function clean(text: string): string {
  return text.replace(CONTROL, "");
}

function renderInline(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === "string") return clean(part);
      if ("url" in part) return `${clean(part.text)} (${clean(part.url)})`;
      return clean(part.text);
    })
    .join("");
}

const jobFacts = (job: JobView): string => clean([...job.facts, job.age, job.via].join(" · "));

function renderJobLine(job: JobView): string {
  return `• ${clean(job.title)} — ${clean(job.company)}\n  ${jobFacts(job)}\n  ${clean(job.url)}`;
}

function renderBlock(block: Block, now: number): string {
  switch (block.kind) {
    case "paragraph":
      return renderInline(block.content);
    case "list":
      return block.items.map((item) => `  • ${renderInline(item)}`).join("\n");
    case "jobs":
      return block.jobs.map((job) => renderJobLine(jobView(job, now))).join("\n");
  }
}

export function renderReply(reply: Reply, now: number): string {
  const text = reply.blocks.map((block) => renderBlock(block, now)).join("\n");
  if (!reply.pager) return text;
  const moves = [reply.pager.hasPrevious ? "/prev" : "", reply.pager.hasNext ? "/next" : ""].filter(Boolean);
  return moves.length > 0 ? `${text}\n(${moves.join(" or ")} for more)` : text;
}

const matchLine = ({ match }: AlertEntry): string => `  🔎 ${clean(match.text)}`;

export function renderAlertView(view: AlertView): string {
  const [first] = view.groups.flatMap((group) => group.entries);
  if (view.single && first) {
    const { job } = first;
    const more = job.moreTags > 0 ? ` ${moreLine(job.moreTags)}` : "";
    const tags = job.tags.length > 0 ? `\n  tags: ${clean(job.tags.join(", "))}${more}` : "";
    return `🔔 ${view.heading}: ${clean(job.title)} — ${clean(job.company)}\n  ${jobFacts(job)}${tags}\n${matchLine(first)}\n  ${clean(job.url)}`;
  }
  const lines = [`🔔 ${view.heading}:`];
  for (const group of view.groups) {
    if (group.query !== undefined) lines.push(`🔎 ${clean(group.query)}`);
    for (const entry of group.entries) lines.push(`${renderJobLine(entry.job)}\n${matchLine(entry)}`);
    if (group.more) lines.push(clean(moreLine(group.more.count, group.more.command)));
  }
  if (view.folded) lines.push(clean(view.folded.text));
  return lines.join("\n");
}

export const renderAlert = (alert: Alert, now: number): string => renderAlertView(alertView(alert, now));
