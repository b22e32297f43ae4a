/**
 * Telegram's HTML parse mode, applied strictly: the fake Bot API refuses what Telegram would
 * refuse (unknown or unbalanced tags, a bare <, > or &, unknown entities, code with markup
 * inside), and turns accepted markup into text + entities the way Telegram hands messages back
 * (a callback query carries the message's text and entities, which page buttons rely on).
 */
export interface TextEntity {
  type: string;
  /** UTF-16 units, as Telegram counts. */
  offset: number;
  length: number;
  url?: string;
}

export class TelegramHtmlError extends Error {}

const TAGS: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  a: "text_link",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
};
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const ENTITY = /^&(?:(lt|gt|amp|quot)|#(\d{1,7})|#x([0-9a-f]{1,6}));/i;
const START_TAG = /^([a-z-]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*$/i;
const ATTRIBUTE = /([a-z-]+)(?:="([^"]*)")?/gi;

function decode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length;) {
    if (text[i] === "&") {
      const m = ENTITY.exec(text.slice(i, i + 12));
      if (!m) throw new TelegramHtmlError(`Can't parse entities: unsupported HTML entity at byte offset ${i}`);
      out += m[1]
        ? (NAMED[m[1].toLowerCase()] ?? "")
        : String.fromCodePoint(Number.parseInt(m[2] ?? m[3] ?? "0", m[2] ? 10 : 16));
      i += m[0].length;
    } else {
      if (text[i] === "<" || text[i] === ">")
        throw new TelegramHtmlError(`Can't parse entities: unexpected "${text[i]}" at byte offset ${i}`);
      out += text[i];
      i += 1;
    }
  }
  return out;
}

function startTag(tag: string, offset: number, inside: readonly string[]): { name: string; entity: TextEntity } {
  const m = START_TAG.exec(tag);
  const name = m?.[1]?.toLowerCase() ?? "";
  const type = TAGS[name];
  if (!m || !type)
    throw new TelegramHtmlError(`Can't parse entities: unsupported start tag "${tag}" at byte offset ${offset}`);
  if (inside.some((t) => t === "code" || (t === "pre" && name !== "code"))) {
    throw new TelegramHtmlError(`Can't parse entities: tag "${name}" inside code or pre`);
  }
  const attributes = new Map<string, string>();
  for (const [, key = "", value = ""] of (m[2] ?? "").matchAll(ATTRIBUTE))
    attributes.set(key.toLowerCase(), decode(value));
  const entity: TextEntity = { type, offset: 0, length: 0 };
  if (name === "a") {
    const href = attributes.get("href") ?? "";
    if (!/^(https?|tg):\/\/\S+$/i.test(href)) throw new TelegramHtmlError(`Can't parse entities: bad href "${href}"`);
    entity.url = href;
  }
  if (name === "span" && attributes.get("class") !== "tg-spoiler")
    throw new TelegramHtmlError('Can\'t parse entities: span needs class="tg-spoiler"');
  return { name, entity };
}

export function parseTelegramHtml(html: string): { text: string; entities: TextEntity[] } {
  let text = "";
  const entities: TextEntity[] = [];
  const open: { name: string; entity: TextEntity }[] = [];
  let i = 0;
  while (i < html.length) {
    const next = html.indexOf("<", i);
    const chunk = next === -1 ? html.slice(i) : html.slice(i, next);
    text += decode(chunk);
    if (next === -1) break;
    const end = html.indexOf(">", next);
    if (end === -1) throw new TelegramHtmlError(`Can't parse entities: unclosed tag at byte offset ${next}`);
    const tag = html.slice(next + 1, end);
    i = end + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim().toLowerCase();
      const top = open.pop();
      if (!top || top.name !== name)
        throw new TelegramHtmlError(
          `Can't parse entities: can't find end tag corresponding to start tag "${top?.name ?? name}"`,
        );
      top.entity.length = text.length - top.entity.offset;
      if (top.entity.length > 0) entities.push(top.entity);
      continue;
    }
    const opened = startTag(
      tag,
      next,
      open.map((o) => o.name),
    );
    opened.entity.offset = text.length;
    open.push(opened);
  }
  const unclosed = open.pop();
  if (unclosed)
    throw new TelegramHtmlError(
      `Can't parse entities: can't find end tag corresponding to start tag "${unclosed.name}"`,
    );
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}
