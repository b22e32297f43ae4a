/**
 * Replies and alerts as plain terminal text. The terminal has no markup to escape, but scraped
 * text can carry control characters that would move the cursor or recolour the screen: those go.
 */
import { matchedQueries, matchedWords, type Alert, type AlertItem } from "../../core/alert.js";
import { formatAge, formatSalary, sourceName } from "../../core/format.js";
import type { Job } from "../../core/job.js";
import type { Block, Inline, Reply } from "../../core/reply.js";
import { jobLevel } from "../../core/seniority.js";

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

function jobFacts(job: Job, now: number): string {
  const facts = [
    job.location,
    jobLevel(job) ?? "",
    job.salary ? formatSalary(job.salary) : "",
    job.employmentType ?? "",
    formatAge(now - job.postedAt),
    `via ${sourceName(job.source)}`,
  ];
  return clean(facts.filter(Boolean).join(" · "));
}

function renderJobLine(job: Job, now: number): string {
  return `• ${clean(job.title)} — ${clean(job.company)}\n  ${jobFacts(job, now)}\n  ${clean(job.url)}`;
}

function renderBlock(block: Block, now: number): string {
  switch (block.kind) {
    case "paragraph":
      return renderInline(block.content);
    case "list":
      return block.items.map((item) => `  • ${renderInline(item)}`).join("\n");
    case "jobs":
      return block.jobs.map((job) => renderJobLine(job, now)).join("\n");
  }
}

export function renderReply(reply: Reply, now: number): string {
  const text = reply.blocks.map((block) => renderBlock(block, now)).join("\n");
  if (!reply.pager) return text;
  const moves = [reply.pager.hasPrevious ? "/prev" : "", reply.pager.hasNext ? "/next" : ""].filter(Boolean);
  return moves.length > 0 ? `${text}\n(${moves.join(" or ")} for more)` : text;
}

function matchLine(item: AlertItem): string {
  const queries = matchedQueries(item)
    .map((q) => `"${q}"`)
    .join(", ");
  const words = matchedWords(item);
  return clean(`  matched ${queries}${words.length > 0 ? ` (${words.join(", ")})` : ""}`);
}

/**
 * An alert; with `numbers` (one per job), each job is numbered for the terminal's actions
 * (`/save 3`, `/hide 3`, `/mute 3`).
 */
export function renderAlert(alert: Alert, now: number, numbers: readonly number[] = []): string {
  const label = (i: number) => (numbers[i] === undefined ? "" : `[${numbers[i]}] `);
  if (alert.items.length === 1) {
    const item = alert.items[0] as AlertItem;
    const tags = item.job.tags.length > 0 ? `\n  tags: ${clean(item.job.tags.join(", "))}` : "";
    return `🔔 ${label(0)}New job: ${clean(item.job.title)} — ${clean(item.job.company)}\n  ${jobFacts(item.job, now)}${tags}\n${matchLine(item)}\n  ${clean(item.job.url)}`;
  }
  const lines = alert.items.map((item, i) => `${label(i)}${renderJobLine(item.job, now)}\n${matchLine(item)}`);
  return `🔔 ${alert.items.length} new jobs:\n${lines.join("\n")}`;
}
