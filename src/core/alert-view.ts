/**
 * An alert as every platform shows it, before any markup (docs/ARCHITECTURE.md "One alert view").
 * Core decides what an alert says and in which order: the job's facts, why it matched, and how
 * many things did not fit; each platform's renderer only turns this into its own message and
 * escapes it. So the wording, the caps on lists and the match explanation are the same on every
 * platform, and tests/contract/renderer-contract/ checks every renderer against this view.
 */
import { jobLevel } from "./seniority.js";
import { matchedQueries, matchedWords, overflowLine, type Alert, type AlertItem } from "./alert.js";
import { formatAge, formatSalary, sourceName, truncate } from "./format.js";
import type { Job } from "./job.js";

/** Caps on scraped fields, in characters, and on lists: generous for real postings, bounded for hostile ones. */
export const VIEW_CAPS = {
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
} as const;

/** A job's fields as shown: plain text, capped, in display order. */
export interface JobView {
  id: string;
  title: string;
  company: string;
  companyUrl?: string;
  url: string;
  location: string;
  salary?: string;
  employmentType?: string;
  /** Seniority derived from the title or stated experience (seniority.ts), when it says. */
  level?: string;
  /** Location, level, salary and employment type, in this order; absent ones left out. */
  facts: string[];
  postedAt: number;
  /** "3 h ago", for platforms that cannot show a live time. */
  age: string;
  /** "via We Work Remotely": the board's name as people know it (some boards' terms ask for it). */
  via: string;
  tags: string[];
  /** Tags left out by the cap. */
  moreTags: number;
  excerpt?: string;
}

/** Why a job was sent: the same words on every platform. */
export interface MatchView {
  queries: string[];
  /** Queries left out by the cap. */
  moreQueries: number;
  words: string[];
  /** The explanation as one line: `rust remote, go and 2 more (rust, remote)`. */
  text: string;
}

/**
 * A button under an alert (Save / Hide / Mute company): a label and a compact payload the
 * platform's button decoder hands back to the command registry.
 */
export interface AlertAction {
  label: string;
  payload: string;
}

export interface AlertEntry {
  job: JobView;
  match: MatchView;
  actions: AlertAction[];
}

/** Entries of one subscription (a digest) or of the whole alert; `more` did not fit the alert. */
export interface AlertGroup {
  /** The subscription's query, for digests grouped by subscription; undefined for one group. */
  query?: string;
  /** The subscription's number, shown beside its query in a digest. */
  subscriptionId?: string;
  entries: AlertEntry[];
  /** Matches left out of this alert, with the command that lists them all. */
  more?: { count: number; command: string };
}

export interface AlertView {
  /** 🔔 for alerts, 📬 for a digest, 🌙 for what quiet hours held. */
  icon: string;
  /** "New job", "12 new jobs for your subscriptions", "Your digest: 12 new jobs". */
  heading: string;
  /** A single job's alert shows its tags, excerpt and Apply link; a grouped one lists entries. */
  single: boolean;
  groups: AlertGroup[];
  /** Jobs matched while alerts could not be delivered, folded into one line. */
  folded?: { count: number; command: string; text: string };
}

export function jobView(job: Job, now: number): JobView {
  const location = truncate(job.location, VIEW_CAPS.location);
  const salary = job.salary ? formatSalary(job.salary) : "";
  const employmentType = job.employmentType ? truncate(job.employmentType, VIEW_CAPS.type) : "";
  const level = jobLevel(job);
  const facts = [location, level ?? "", salary, employmentType].filter((fact) => fact.trim() !== "");
  const tags = job.tags.filter((tag) => tag.trim() !== "");
  const excerpt = job.description.replace(/\s+/g, " ").trim();
  return {
    id: job.id,
    title: truncate(job.title, VIEW_CAPS.title),
    company: truncate(job.company, VIEW_CAPS.company),
    ...(job.companyUrl ? { companyUrl: job.companyUrl } : {}),
    url: job.url,
    location,
    ...(level ? { level } : {}),
    ...(salary ? { salary } : {}),
    ...(employmentType ? { employmentType } : {}),
    facts,
    postedAt: job.postedAt,
    age: formatAge(now - job.postedAt),
    via: `via ${sourceName(job.source)}`,
    tags: tags.slice(0, VIEW_CAPS.tags).map((tag) => truncate(tag, VIEW_CAPS.tag)),
    moreTags: Math.max(0, tags.length - VIEW_CAPS.tags),
    ...(excerpt ? { excerpt: truncate(excerpt, VIEW_CAPS.excerpt) } : {}),
  };
}

export function matchView(item: AlertItem): MatchView {
  const all = matchedQueries(item);
  const queries = all.slice(0, VIEW_CAPS.queries).map((q) => truncate(q, VIEW_CAPS.query));
  const moreQueries = all.length - queries.length;
  const words = matchedWords(item).slice(0, VIEW_CAPS.words);
  const why = words.length > 0 ? ` (${truncate(words.join(", "), VIEW_CAPS.query)})` : "";
  const text = `${queries.join(", ")}${moreQueries > 0 ? ` and ${moreQueries} more` : ""}${why}`;
  return { queries, moreQueries, words, text };
}

/** "…and 3 more: /latest rust": the honest end of a list that did not fit. */
export const moreLine = (count: number, command?: string): string =>
  `…and ${count} more${command ? `: ${command}` : ""}`;

/**
 * `actions` gives the buttons under each job (commands/alert-actions.ts `viewActions`); without it,
 * as for the terminal, which numbers alerts instead, entries have none.
 */
export function alertView(alert: Alert, now: number, actions?: (job: Job) => AlertAction[]): AlertView {
  const entry = (item: AlertItem): AlertEntry => ({
    job: jobView(item.job, now),
    match: matchView(item),
    actions: actions ? actions(item.job) : [],
  });
  const { overflow, digest } = alert;
  // The outbox bound folded these jobs into one line (alone, or at the end of a digest).
  const folded = overflow && {
    count: overflow.jobs,
    command: overflow.queries.length > 0 ? `/latest ${overflow.queries[0]}` : "/latest",
    text: overflowLine(overflow),
  };
  if (digest) {
    const count = digest.groups.reduce((n, group) => n + group.items.length + group.more, 0);
    const jobs = `${count} new ${count === 1 ? "job" : "jobs"}`;
    const groups = digest.groups.map((group) => ({
      query: group.query,
      subscriptionId: group.subscriptionId,
      entries: group.items.map(entry),
      ...(group.more > 0 ? { more: { count: group.more, command: `/latest ${group.query}` } } : {}),
    }));
    return digest.heldFor === "digest"
      ? { icon: "📬", heading: `Your digest: ${jobs}`, single: false, groups, ...(folded ? { folded } : {}) }
      : {
          icon: "🌙",
          heading: `During your quiet hours: ${jobs}`,
          single: false,
          groups,
          ...(folded ? { folded } : {}),
        };
  }
  const entries = alert.items.map(entry);
  if (folded)
    return { icon: "🔔", heading: "While alerts could not be delivered", single: false, groups: [{ entries }], folded };
  const single = entries.length === 1;
  return {
    icon: "🔔",
    heading: single ? "New job" : `${entries.length} new jobs for your subscriptions`,
    single,
    groups: [{ entries }],
  };
}
