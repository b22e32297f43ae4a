/**
 * /jobhound latest's Previous and Next buttons carry their whole state in the button's value
 * (up to 2,000 characters, and a query is at most 200), so they keep working after a restart.
 */
import type { Pager } from "../../core/reply.js";

/** Every pager button's action_id starts with this; Bolt routes them by it. */
export const PAGER_ACTION = /^pager:/;

export interface PagerValue {
  command: string;
  page: number;
  query: string;
}

export const pagerValue = (pager: Pager, page: number): string =>
  JSON.stringify({ command: pager.command, page, query: pager.query } satisfies PagerValue);

/** The button a value describes; undefined for anything else (an old or forged value). */
export function parsePagerValue(value: string | undefined): PagerValue | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<PagerValue>;
    const { command, page, query } = parsed;
    if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) return undefined;
    if (typeof page !== "number" || !Number.isInteger(page) || page < 0) return undefined;
    if (typeof query !== "string") return undefined;
    return { command, page, query };
  } catch {
    return undefined;
  }
}
