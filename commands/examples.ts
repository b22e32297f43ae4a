/** Query examples shown by /start, /help and an empty /subscribe: one place, so they agree. */
import { code, list, type Block } from "../src/core/reply.js";

/** One example of each form of the query language (docs/ARCHITECTURE.md, The query language), as the README's Queries section. */
export const QUERY_EXAMPLES: readonly [query: string, meaning: string][] = [
  ["rust remote", "jobs that mention rust and remote"],
  ["python -django", "python, but not django"],
  ['"machine learning"', "these words, in this order"],
  ["rust|go backend", "rust or go (also: rust OR go), and backend"],
  ["devop*", "words starting with devop: devops, devopsdays…"],
  ["title:senior location:europe", "senior in the title, open to Europe (or worldwide)"],
  ["typescript salary>=120k", "a stated salary of at least $120,000 a year"],
];

export function examplesBlock(command: string): Block {
  return list(QUERY_EXAMPLES.map(([query, meaning]) => [code(`/${command} ${query}`), ` — ${meaning}`]));
}
