/**
 * From new jobs to outbox entries (docs/ARCHITECTURE.md, The data flow): each job reaches the subscriptions made
 * before it was first seen, each chat hears of a job once however many of its subscriptions
 * match, a chat never hears of a company it muted or a job it hid (chat-filters.ts), and a chat with
 * more than a handful of matches in one cycle gets grouped alerts. With a
 * million subscriptions a cycle's jobs match hundreds of thousands: each step pauses between
 * slices (slices.ts) rather than hold the event loop for seconds.
 */
import type { OutboxEntry, QueryMatch } from "./alert.js";
import type { ChatId } from "./chat.js";
import { isFilteredOut } from "./chat-filters.js";
import type { Job } from "./job.js";
import type { JobMatcher, JobMatches } from "./query/matcher.js";
import { unsliced, type Slices } from "./slices.js";
import type { ChatState } from "./subscription.js";

export const GROUP_THRESHOLD = 5;
export const GROUP_SIZE = 10;

export interface AlertDecision {
  entries: OutboxEntry[];
  /** Per subscription id, how many alerts it contributed. */
  matchCounts: Record<string, number>;
}

/** A new job and the subscriptions it matches. */
export interface JobFound {
  job: Job;
  matches: JobMatches;
}

/** Matches the jobs, oldest (lowest seq) first, pausing between jobs when a slice is used up. */
export async function matchJobs(
  jobs: readonly Job[],
  matcher: JobMatcher,
  slices: Slices = unsliced,
): Promise<JobFound[]> {
  const found: JobFound[] = [];
  for (const job of [...jobs].sort((a, b) => a.seq - b.seq)) {
    found.push({ job, matches: matcher.match(job) });
    if (slices.due()) await slices.pause();
  }
  return found;
}

/** The chats of every subscription matched, each once: whose states the decision needs. */
export async function chatsMatched(found: readonly JobFound[], slices: Slices = unsliced): Promise<ChatId[]> {
  const chats = new Set<ChatId>();
  for (const { matches } of found) {
    for (let i = 0; i < matches.count; i += 1) {
      chats.add(matches.subscription(i).chat);
      if (i % STEP === 0 && slices.due()) await slices.pause();
    }
  }
  return [...chats];
}

/** How many matches between two looks at the clock: a few hundred microseconds of work. */
const STEP = 1024;

export async function decideAlerts(
  foundJobs: readonly JobFound[],
  chats: ReadonlyMap<ChatId, ChatState>,
  now: number,
  slices: Slices = unsliced,
): Promise<AlertDecision> {
  const perChat = new Map<ChatId, Map<string, QueryMatch[]>>();
  const matchCounts: Record<string, number> = {};

  for (const { job, matches: found } of [...foundJobs].sort((a, b) => a.job.seq - b.job.seq)) {
    for (let i = 0; i < found.count; i += 1) {
      if (i % STEP === 0 && slices.due()) await slices.pause();
      const subscription = found.subscription(i);
      const chat = chats.get(subscription.chat);
      if (!chat || chat.paused) continue;
      if (job.seq <= chat.cursor || job.seq <= subscription.sinceSeq) continue;
      // A muted company or hidden job stays silent here, whichever subscription matched it.
      if (isFilteredOut(chat, job)) continue;
      const items = perChat.get(chat.chat) ?? new Map<string, QueryMatch[]>();
      perChat.set(chat.chat, items);
      const match = { subscriptionId: subscription.id, query: subscription.query, words: found.words(i) };
      // Most jobs reach a chat through one of its subscriptions: a list of one, not one grown by
      // push (room for 17), for each of a cycle's 150,000 or so.
      const matches = items.get(job.id);
      if (matches) matches.push(match);
      else items.set(job.id, [match]);
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
    if (slices.due()) await slices.pause();
  }
  return { entries, matchCounts };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
