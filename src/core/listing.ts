/**
 * Closed postings (issue #18): a job its board stopped listing is marked closed once two complete
 * fetches in a row (every page read, every item parsed) went without it; one missing fetch may be a
 * board's hiccup. A fetch that is not complete counts neither way. What a board listed is kept in
 * its SourceState (`listed`, `missingOnce`), bounded by the size of the board.
 */
import type { SourceState } from "./source-state.js";

export interface ListingResult {
  /** The source state's listing fields after this fetch. */
  listing: Required<Pick<SourceState, "listed" | "missingOnce">>;
  /** Ids missing from this fetch and the complete one before it: these jobs closed. */
  closed: string[];
}

/**
 * Compares a complete fetch's job ids with what the board listed before. `listedElsewhere` holds
 * ids another source still lists (one board's category pages share jobs): those never close.
 */
export function compareListing(
  state: SourceState,
  ids: readonly string[],
  listedElsewhere: ReadonlySet<string> = new Set(),
): ListingResult {
  const now = new Set(ids);
  const listed = [...now];
  if (state.listed === undefined) return { listing: { listed, missingOnce: [] }, closed: [] };
  const before = new Set(state.missingOnce ?? []);
  const closed = [...before].filter((id) => !now.has(id) && !listedElsewhere.has(id));
  const missingOnce = state.listed.filter((id) => !now.has(id) && !before.has(id));
  return { listing: { listed, missingOnce }, closed };
}
