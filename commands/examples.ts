/** Query examples shown by /start, /help and an empty /subscribe: one place, so they agree. */
import { code, list, type Block } from "../src/core/reply.js";

export const QUERY_EXAMPLES: readonly [query: string, meaning: string][] = [
  ["rust remote", "jobs that mention rust and remote"],
  ["python -django", "python, but not django"],
  ["typescript react senior", "every one of these words"],
];

export function examplesBlock(command: string): Block {
  return list(QUERY_EXAMPLES.map(([query, meaning]) => [code(`/${command} ${query}`), ` — ${meaning}`]));
}
