/**
 * Reading Block Kit messages as Slack would: what breaks its limits (50 blocks, section text
 * 3,000, button text 75, a `text` fallback beside blocks; an actions block of 1 to 25 elements
 * whose action_ids, of at most 255 characters, differ; a button value of at most 2,000; block_ids
 * of at most 255 characters, unique in the message), what would ping people (a `<` that does not
 * start a link), and what a reader sees (escapes undone, links shown by their label).
 */

interface Element {
  type?: string;
  text?: { text: string } | string;
  action_id?: string;
  value?: string;
}
interface BlockShape {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: Element;
  elements?: Element[];
}

const buttonsOf = (block: BlockShape): { text: { text: string } }[] =>
  [block.accessory, ...(block.elements ?? [])].filter(
    (e): e is { type: string; text: { text: string } } => e?.type === "button",
  );

/** mrkdwn texts of a block, in display order (section text, then context elements). */
const mrkdwnOf = (block: BlockShape): string[] => [
  ...(block.text ? [block.text.text] : []),
  ...(block.type === "context" ? (block.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : "")) : []),
];

/** Block Kit's limits, as Slack checks them; each breach is a sentence. */
export function blockKitBreaches(text: unknown, blocks: unknown): string[] {
  const breaches: string[] = [];
  if (!Array.isArray(blocks)) return typeof text === "string" && text !== "" ? [] : ["no text and no blocks"];
  if (typeof text !== "string" || text === "") breaches.push("blocks without a text fallback");
  if (blocks.length > 50) breaches.push(`${blocks.length} blocks (at most 50)`);
  const blockIds = new Set<string>();
  for (const block of blocks as BlockShape[]) {
    if (block.text && block.text.text.length > 3_000) breaches.push(`section text of ${block.text.text.length}`);
    for (const b of buttonsOf(block))
      if (b.text.text.length > 75) breaches.push(`button text of ${b.text.text.length}`);
    if (block.block_id !== undefined) {
      if (block.block_id.length > 255 || blockIds.has(block.block_id)) breaches.push(`block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    if (block.type === "actions") breaches.push(...actionsBreaches(block.elements ?? []));
  }
  return breaches;
}

function actionsBreaches(elements: Element[]): string[] {
  const breaches: string[] = [];
  if (elements.length < 1 || elements.length > 25) breaches.push(`an actions block of ${elements.length} elements`);
  const ids = elements.map((e) => e.action_id ?? "");
  if (new Set(ids).size !== ids.length) breaches.push(`repeated action_ids in one block: ${ids.join(", ")}`);
  for (const e of elements) {
    if ((e.action_id ?? "").length > 255) breaches.push(`an action_id of ${e.action_id?.length}`);
    if ((e.value ?? "").length > 2_000) breaches.push(`a button value of ${e.value?.length}`);
  }
  return breaches;
}

/** A `<` that starts no http(s) link: `<!channel>`, `<@U123>`, `<#C1>` would ping or link. */
const ACTIVE = /<(?!https?:\/\/[^|>]*\|)/;

export function activeMentions(message: { text: string; blocks: unknown[] }): string[] {
  return [message.text, ...(message.blocks as BlockShape[]).flatMap(mrkdwnOf)].filter((t) => ACTIVE.test(t));
}

const unescape = (mrkdwn: string): string =>
  mrkdwn
    .replace(/<https?:\/\/[^|>]*\|([^>]*)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The message as a reader sees it: every block's text and button labels, in order. */
export function visibleText(message: { blocks: unknown[] }): string {
  return (message.blocks as BlockShape[])
    .flatMap((block) => [...mrkdwnOf(block).map(unescape), ...buttonsOf(block).map((b) => b.text.text)])
    .join("\n");
}

/** The longest section text: Slack's limit is per section, not per message. */
export const longestSection = (message: { blocks: unknown[] }): number =>
  Math.max(0, ...(message.blocks as BlockShape[]).flatMap(mrkdwnOf).map((t) => t.length));
