/**
 * The platform-neutral answer of a command. Adapters render it (render.ts), escape every string
 * and enforce their platform's limits; no command builds markup.
 */
import type { Job } from "./job.js";

export type Inline = string | { text: string; style: "bold" | "italic" | "code" } | { text: string; url: string };

export type Block =
  { kind: "paragraph"; content: Inline[] } | { kind: "list"; items: Inline[][] } | { kind: "jobs"; jobs: Job[] };

/** State for /latest's previous/next buttons; small enough to encode into a button. */
export interface Pager {
  command: string;
  query: string;
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export interface Reply {
  blocks: Block[];
  pager?: Pager;
  /** A hint that only the person who asked should see it (Discord ephemeral replies). */
  ephemeral?: boolean;
}

export const bold = (text: string): Inline => ({ text, style: "bold" });
export const code = (text: string): Inline => ({ text, style: "code" });
export const link = (text: string, url: string): Inline => ({ text, url });

export const paragraph = (...content: Inline[]): Block => ({ kind: "paragraph", content });
export const list = (items: Inline[][]): Block => ({ kind: "list", items });

export function reply(...blocks: Block[]): Reply {
  return { blocks };
}

/** A reply of plain paragraphs, one per argument. */
export function textReply(...paragraphs: string[]): Reply {
  return { blocks: paragraphs.map((text) => paragraph(text)) };
}
