/**
 * With markdown.ts, the one place that knows Discord markup: replies and alerts become embeds, scraped and typed
 * text is escaped for Discord's markdown, every text is trimmed to Discord's limits (including
 * the 6,000 characters all embeds of a message share, which EmbedBuilder does not check), and
 * every message allows no mentions, so a posting titled "@everyone hiring" pings no one.
 * Alerts carry their Save / Hide / Mute company rows (alert-buttons.ts says which jobs get them).
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from "discord.js";
import type { AlertActionCodec } from "../../core/alert-action-payload.js";
import type { Alert } from "../../core/alert.js";
import { viewActions } from "../../../commands/alert-actions.js";
import { alertView, jobView, moreLine, type AlertEntry, type AlertView, type JobView } from "../../core/alert-view.js";
import type { Block, Pager, Reply } from "../../core/reply.js";
import { actionRow, jobMarker, MAX_ACTION_ROWS, type ButtonRow } from "./alert-buttons.js";
import {
  escapeMarkdown,
  fitPieces,
  inline,
  isWebUrl,
  joinWithin,
  LINE,
  linkTarget,
  PARAGRAPH,
  truncate,
  type Piece,
} from "./markdown.js";
import { pagerButtonId, pagerFooter } from "./pager-button.js";

export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** All embeds of one message together. */
  total: 6000,
  buttonUrl: 512,
  /** Embeds in one message. */
  embeds: 10,
} as const;

const COLOR = 0x2f9e6e;

/** What any Discord message of Jobhound's carries; adapters add flags or a channel. */
export interface DiscordMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/** The mention rule for every message: nothing in a message pings anybody. */
export const NO_MENTIONS = { parse: [] as [] };

/** Discord renders `<t:…:R>` as a live "3 hours ago" in the reader's language. */
const relativeTime = (ms: number): string => `<t:${Math.floor(ms / 1000)}:R>`;

function jobFacts(job: JobView): string {
  return [...job.facts.map(escapeMarkdown), relativeTime(job.postedAt), escapeMarkdown(job.via)].join(" · ");
}

/** One job as two lines of a list: the linked title and company, then the facts. */
function jobEntry(job: JobView): string {
  const title = escapeMarkdown(job.title);
  const head = isWebUrl(job.url) ? `**[${title}](${linkTarget(job.url)})**` : `**${title}**`;
  return `${head} — ${escapeMarkdown(job.company)}\n${jobFacts(job)}`;
}

/** "🔎 rust remote (rust, remote)", escaped: the match explanation of every platform. */
const matchLine = ({ match }: AlertEntry): string => `🔎 ${escapeMarkdown(match.text)}`;

/** A block as pieces: a list or jobs block gives one piece per item, so a long list is trimmed item by item. */
function blockPieces(block: Block): Piece[] {
  switch (block.kind) {
    case "paragraph":
      return [{ text: inline(block.content), separator: PARAGRAPH }];
    case "list":
      return block.items.map((item, i) => ({ text: `• ${inline(item)}`, separator: i === 0 ? PARAGRAPH : LINE }));
    case "jobs":
      return block.jobs.map((job) => ({ text: jobEntry(jobView(job, 0)), separator: PARAGRAPH }));
  }
}

function pagerRow(pager: Pager): APIActionRowComponent<APIButtonComponent> {
  const button = (label: string, page: number, enabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: pagerButtonId(pager.command, page, pager.query),
    disabled: !enabled,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button("◀ Previous", Math.max(0, pager.page - 1), pager.hasPrevious),
      button("Next ▶", pager.page + 1, pager.hasNext),
    ],
  };
}

export function renderReply(reply: Reply): DiscordMessage {
  const description = fitPieces(reply.blocks.flatMap(blockPieces), LIMITS.description);
  const embed: APIEmbed = { color: COLOR, description };
  // The footer holds the query verbatim: pager buttons whose id has no room for it read it here.
  if (reply.pager) embed.footer = { text: pagerFooter(reply.pager.command, reply.pager.query) };
  const components = reply.pager && (reply.pager.hasPrevious || reply.pager.hasNext) ? [pagerRow(reply.pager)] : [];
  return { embeds: fitTotal([embed]), components };
}

function alertFields(job: JobView): APIEmbedField[] {
  const tags = job.tags.map(escapeMarkdown);
  if (job.moreTags > 0) tags.push(moreLine(job.moreTags));
  const fields: APIEmbedField[] = [
    { name: "Location", value: escapeMarkdown(job.location), inline: true },
    { name: "Salary", value: escapeMarkdown(job.salary ?? ""), inline: true },
    { name: "Type", value: escapeMarkdown(job.employmentType ?? ""), inline: true },
    { name: "Tags", value: joinWithin(tags, ", ", LIMITS.fieldValue), inline: false },
    { name: "Posted", value: relativeTime(job.postedAt), inline: true },
  ];
  // Discord refuses a field without a value: what the board did not state is left out.
  return fields.filter((field) => field.value.trim() !== "");
}

function singleAlert(entry: AlertEntry): DiscordMessage {
  const { job } = entry;
  const embed: APIEmbed = {
    color: COLOR,
    title: truncate(escapeMarkdown(job.title), LIMITS.title),
    // Author names and footers show no markdown: plain text, trimmed only.
    author: {
      name: truncate(job.company, LIMITS.authorName),
      ...(isWebUrl(job.companyUrl) ? { url: job.companyUrl } : {}),
    },
    fields: alertFields(job),
    footer: { text: truncate(`${job.via} · 🔎 ${entry.match.text}`, LIMITS.footer) },
    timestamp: new Date(job.postedAt).toISOString(),
  };
  if (isWebUrl(job.url)) embed.url = job.url;
  const apply: APIButtonComponent[] =
    isWebUrl(job.url) && job.url.length <= LIMITS.buttonUrl
      ? [{ type: ComponentType.Button, style: ButtonStyle.Link, label: "Apply", url: job.url }]
      : [];
  const actions = actionRow(entry.actions);
  return {
    embeds: fitTotal([embed]),
    components: [
      ...(apply.length > 0 ? [{ type: ComponentType.ActionRow, components: apply } satisfies ButtonRow] : []),
      ...(actions ? [actions] : []),
    ],
  };
}

/** A grouped alert's entries are numbered as their buttons' labels are ("**2.** " and "2. Save"). */
const numberedEntry = (entry: AlertEntry, number: number): string =>
  `${jobMarker(number)}${jobEntry(entry.job)}\n${matchLine(entry)}`;

/**
 * One row of buttons for each of the first 5 jobs the text shows (a job whose entry was cut for
 * length gets none, so a numbered button always matches a number in the text).
 */
function entryRows(entries: readonly AlertEntry[], embeds: readonly APIEmbed[]): ButtonRow[] {
  const text = embeds.map((embed) => embed.description ?? "").join("\n");
  return entries
    .flatMap((entry, i) => {
      const row = text.includes(jobMarker(i + 1)) ? actionRow(entry.actions, i + 1) : undefined;
      return row ? [row] : [];
    })
    .slice(0, MAX_ACTION_ROWS);
}

/** Inline code that a backtick in the text cannot close early. */
const inlineCode = (text: string): string => `\`${text.replace(/`/g, "ˋ")}\``;

/**
 * A digest: one embed per subscription (the last lists those beyond ten embeds), the heading as
 * the first embed's author, every embed sharing the 6,000 characters of one message.
 */
function digestAlert(view: AlertView): DiscordMessage {
  const shown = view.groups.length > LIMITS.embeds ? view.groups.slice(0, LIMITS.embeds - 1) : view.groups;
  const rest = view.groups.slice(shown.length);
  const parts = shown.length + (rest.length > 0 ? 1 : 0);
  const budget = Math.min(LIMITS.description, Math.floor((LIMITS.total - 500) / parts));
  let number = 0;
  const embeds: APIEmbed[] = shown.map((group) => {
    const entries = group.entries.map((entry) => numberedEntry(entry, ++number));
    if (group.more) entries.push(`…and ${group.more.count} more: ${inlineCode(group.more.command)}`);
    return {
      color: COLOR,
      title: truncate(`#${group.subscriptionId ?? ""} ${group.query ?? ""}`, LIMITS.title),
      description: joinWithin(entries, "\n\n", budget),
    };
  });
  const lines = rest.map(
    (group) =>
      `#${group.subscriptionId ?? ""}: ${group.entries.length + (group.more?.count ?? 0)} new: ${inlineCode(`/latest ${group.query ?? ""}`)}`,
  );
  if (view.folded) lines.push(escapeMarkdown(view.folded.text));
  if (lines.length > 0) embeds.push({ color: COLOR, description: joinWithin(lines, "\n", budget) });
  const [first] = embeds;
  if (first) first.author = { name: truncate(view.heading, LIMITS.authorName) };
  const fitted = fitTotal(embeds);
  return {
    embeds: fitted,
    components: entryRows(
      shown.flatMap((group) => group.entries),
      fitted,
    ),
  };
}

function groupedAlert(view: AlertView): DiscordMessage {
  if (view.groups.some((group) => group.subscriptionId !== undefined)) return digestAlert(view);
  const entries: string[] = [];
  let number = 0;
  for (const group of view.groups) {
    if (group.query !== undefined) entries.push(`🔎 ${inlineCode(group.query)}`);
    for (const entry of group.entries) entries.push(numberedEntry(entry, ++number));
    if (group.more) entries.push(escapeMarkdown(moreLine(group.more.count, group.more.command)));
  }
  if (view.folded) entries.push(escapeMarkdown(view.folded.text));
  const embed: APIEmbed = {
    color: COLOR,
    title: truncate(view.heading, LIMITS.title),
    description: joinWithin(entries, "\n\n", LIMITS.description),
  };
  const fitted = fitTotal([embed]);
  return {
    embeds: fitted,
    components: entryRows(
      view.groups.flatMap((group) => group.entries),
      fitted,
    ),
  };
}

export function renderAlertView(view: AlertView): DiscordMessage {
  const [first] = view.groups.flatMap((group) => group.entries);
  if (!first && !view.folded) throw new Error("an alert without jobs cannot be rendered");
  return view.single && first ? singleAlert(first) : groupedAlert(view);
}

/**
 * `now` only matters to platforms without live times; Discord shows `<t:…:R>`. With `codec`, each
 * job gets its Save / Hide / Mute company buttons, signed for the alert's chat.
 */
export const renderAlert = (alert: Alert, now = Date.now(), codec?: AlertActionCodec): DiscordMessage =>
  renderAlertView(alertView(alert, now, codec && viewActions(codec, alert.chat)));

/** The characters Discord counts towards the 6,000 shared by a message's embeds. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

/** Shrinks descriptions, then field values, until all embeds together fit the total. */
export function fitTotal(embeds: APIEmbed[]): APIEmbed[] {
  let excess = embeds.reduce((sum, e) => sum + embedLength(e), 0) - LIMITS.total;
  for (const embed of embeds) {
    if (excess <= 0) break;
    if (embed.description) {
      const before = embed.description.length;
      embed.description = truncate(embed.description, Math.max(1, before - excess));
      excess -= before - embed.description.length;
    }
    for (const field of embed.fields ?? []) {
      if (excess <= 0) break;
      const before = field.value.length;
      field.value = truncate(field.value, Math.max(1, before - excess));
      excess -= before - field.value.length;
    }
  }
  return embeds;
}
