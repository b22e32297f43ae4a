/**
 * From new jobs to outbox entries (docs/ARCHITECTURE.md, The data flow): each job reaches the subscriptions made
 * before it was first seen, each chat hears of a job once however many of its subscriptions
 * match, and a chat with more than a handful of matches in one cycle gets grouped alerts.
 */
import type { OutboxEntry, QueryMatch } from "./alert.js";
import type { ChatId } from "./chat.js";
import type { Job } from "./job.js";
import type { JobMatcher } from "./query/matcher.js";
import type { ChatState } from "./subscription.js";

export const GROUP_THRESHOLD = 5;
export const GROUP_SIZE = 10;

export interface AlertDecision {
  entries: OutboxEntry[];
  /** Per subscription id, how many alerts it contributed. */
  matchCounts: Record<string, number>;
}

export function decideAlerts(
  jobs: readonly Job[],
  matcher: JobMatcher,
  chats: ReadonlyMap<ChatId, ChatState>,
  now: number,
): AlertDecision {
  const perChat = new Map<ChatId, Map<string, QueryMatch[]>>();
  const matchCounts: Record<string, number> = {};

  for (const job of [...jobs].sort((a, b) => a.seq - b.seq)) {
    const found = matcher.match(job);
    for (let i = 0; i < found.count; i += 1) {
      const subscription = found.subscription(i);
      const chat = chats.get(subscription.chat);
      if (!chat || chat.paused) continue;
      if (job.seq <= chat.cursor || job.seq <= subscription.sinceSeq) continue;
      const items = perChat.get(chat.chat) ?? new Map<string, QueryMatch[]>();
      perChat.set(chat.chat, items);
      const matches = items.get(job.id) ?? [];
      items.set(job.id, matches);
      // Explained only now, for the matches that become alerts.
      matches.push({ subscriptionId: subscription.id, query: subscription.query, words: found.words(i) });
      matchCounts[subscription.id] = (matchCounts[subscription.id] ?? 0) + 1;
    }
  }

  const entries: OutboxEntry[] = [];
  for (const [chat, items] of perChat) {
    const all = [...items].map(([jobId, matches]) => ({ jobId, matches }));
    const groups = all.length > GROUP_THRESHOLD ? chunk(all, GROUP_SIZE) : all.map((item) => [item]);
    for (const group of groups) {
      // A job reaches a chat once (the cursor guarantees it), so chat + first job is unique.
      entries.push({
        id: `${chat}#${group[0]?.jobId}`,
        chat,
        items: group,
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
      });
    }
  }
  return { entries, matchCounts };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
