/**
 * The outbox bound (README "Limits and faults"): at most `max` jobs wait for one chat. Beyond it,
 * the oldest entries are folded into one entry per chat that carries no jobs, only how many were
 * left out and for which queries; it is sent as "N more jobs matched while alerts could not be
 * delivered: /latest <query>" (core/alert.ts overflowLine). A chat whose platform is not running
 * thus holds at most `max` jobs plus one line, however long it stays away.
 */
import type { OutboxEntry } from "../core/alert.js";
import type { ChatId } from "../core/chat.js";
import { deepFreeze } from "./data.js";

/** The fold entry names a few queries: enough to point at /latest, short enough for one line. */
const MAX_FOLDED_QUERIES = 3;

const isFold = (entry: OutboxEntry): boolean => entry.overflow !== undefined;

/** The outbox with each of `chats` held to `max` pending jobs; the same array when none is over. */
export function boundOutbox(outbox: readonly OutboxEntry[], chats: ReadonlySet<ChatId>, max: number): OutboxEntry[] {
  const pendingJobs = new Map<ChatId, number>();
  for (const entry of outbox) {
    if (chats.has(entry.chat) && !isFold(entry))
      pendingJobs.set(entry.chat, (pendingJobs.get(entry.chat) ?? 0) + entry.items.length);
  }
  const over = new Map<ChatId, number>();
  for (const [chat, jobs] of pendingJobs) if (jobs > max) over.set(chat, jobs - max);
  if (over.size === 0) return outbox.slice();

  // Oldest first: drop whole entries until the chat is within the bound, folding them.
  const folds = new Map<ChatId, { entry: OutboxEntry; jobs: number; queries: Set<string> }>();
  const foldOf = (entry: OutboxEntry) => {
    let fold = folds.get(entry.chat);
    if (!fold) {
      fold = { entry, jobs: 0, queries: new Set() };
      folds.set(entry.chat, fold);
    }
    return fold;
  };
  const dropped = new Set<OutboxEntry>();
  for (const entry of outbox) {
    const excess = over.get(entry.chat);
    if (excess === undefined) continue;
    if (isFold(entry)) {
      const fold = foldOf(entry);
      fold.jobs += entry.overflow?.jobs ?? 0;
      for (const query of entry.overflow?.queries ?? []) fold.queries.add(query);
      dropped.add(entry);
    } else if (excess > 0) {
      const fold = foldOf(entry);
      fold.jobs += entry.items.length;
      for (const item of entry.items) for (const match of item.matches) fold.queries.add(match.query);
      over.set(entry.chat, excess - entry.items.length);
      dropped.add(entry);
    }
  }

  const bounded: OutboxEntry[] = [];
  for (const entry of outbox) {
    const fold = folds.get(entry.chat);
    if (fold?.entry === entry) bounded.push(foldEntry(fold.entry, fold.jobs, fold.queries));
    if (!dropped.has(entry)) bounded.push(entry);
  }
  return bounded;
}

/** Takes the place of the chat's oldest entry, so it goes out first: the oldest news first. */
function foldEntry(first: OutboxEntry, jobs: number, queries: ReadonlySet<string>): OutboxEntry {
  return deepFreeze({
    id: `${first.chat}#more`,
    chat: first.chat,
    items: [],
    overflow: { jobs, queries: [...queries].slice(0, MAX_FOLDED_QUERIES) },
    createdAt: first.createdAt,
    attempts: 0,
    nextAttemptAt: first.nextAttemptAt,
  });
}
