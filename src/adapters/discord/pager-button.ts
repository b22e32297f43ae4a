/**
 * /latest's previous/next buttons must keep working after a restart, so a button carries its
 * whole state in its custom_id instead of pointing into memory: "pager:<command>:<page>:q:<query>".
 * A custom_id holds at most 100 characters and a query up to 200: when the query does not fit, the
 * id ends in "~" instead ("pager:latest:3:~") and the query is read back from the footer of the
 * message the button sits on, where the renderer always writes "/<command> <query>" verbatim.
 */
export const CUSTOM_ID_LIMIT = 100;
const PREFIX = "pager";

export interface PagerButton {
  command: string;
  page: number;
  /** Undefined when the query is too long for the id: read it from the message footer. */
  query?: string;
}

export function pagerButtonId(command: string, page: number, query: string): string {
  const whole = `${PREFIX}:${command}:${page}:q:${query}`;
  return whole.length <= CUSTOM_ID_LIMIT ? whole : `${PREFIX}:${command}:${page}:~`;
}

/** The button a custom_id describes; undefined for ids that are not pager buttons. */
export function parsePagerButtonId(customId: string): PagerButton | undefined {
  const match = /^pager:([a-z0-9_]{1,32}):(\d{1,6}):(?:q:([\s\S]*)|~)$/.exec(customId);
  if (!match) return undefined;
  const [, command = "", page = "0", query] = match;
  return { command, page: Number(page), ...(query === undefined ? {} : { query }) };
}

/** The footer the renderer puts on a paged reply, and the way back from it. */
export function pagerFooter(command: string, query: string): string {
  return query === "" ? `/${command}` : `/${command} ${query}`;
}

export function queryFromFooter(command: string, footer: string | undefined): string | undefined {
  if (footer === undefined) return undefined;
  const head = `/${command}`;
  if (footer === head) return "";
  return footer.startsWith(`${head} `) ? footer.slice(head.length + 1) : undefined;
}
