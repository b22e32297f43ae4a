/**
 * The data of the scale bench: N subscriptions in C chats over M stored jobs (real postings'
 * sizes, bench/postings.ts), one source whose baseline is done, and the 2,000 new postings the
 * measured cycle brings. Queries are two words of a small vocabulary, so most jobs match many
 * subscriptions, as on a large bot.
 */
import type { JobDraft } from "../src/core/job.js";
import type { Subscription } from "../src/core/subscription.js";
import { emptyStoreData, type StoreData } from "../src/store/data.js";
import { realJobs } from "./postings.js";

export interface ScaleSize {
  subscriptions: number;
  chats: number;
  jobs: number;
}

export const SOURCE_ID = "bench";
const QUERY_WORDS = ["rust", "go", "python", "typescript", "react", "senior", "remote", "backend", "devops", "java"];
const EXCLUDED = ["", "", "", " -php", " -wordpress"];

export function scaleData({ subscriptions, chats, jobs }: ScaleSize): StoreData {
  const data = emptyStoreData();
  const start = Date.UTC(2026, 10, 1);
  data.jobs = realJobs(jobs).map((job, i) => ({ ...job, id: `${SOURCE_ID}:${i}`, source: SOURCE_ID }));
  data.lastSeq = jobs;
  for (let i = 0; i < subscriptions; i++) {
    const chat = `telegram:${1_000_000 + (i % chats)}`;
    const words = `${QUERY_WORDS[i % QUERY_WORDS.length]} ${QUERY_WORDS[(i * 7 + 3) % QUERY_WORDS.length]}`;
    const subscription: Subscription = {
      id: String(i + 1),
      chat,
      createdBy: chat.slice(9),
      query: `${words}${EXCLUDED[i % EXCLUDED.length]}`,
      createdAt: start,
      sinceSeq: 0,
      matchCount: i % 17,
    };
    data.subscriptions.push(subscription);
    data.chats[chat] ??= { chat, cursor: jobs, paused: false };
  }
  data.nextSubscriptionId = subscriptions + 1;
  data.sources[SOURCE_ID] = { id: SOURCE_ID, consecutiveFailures: 0, baselineDone: true, jobsSeen: jobs };
  return data;
}

/** `count` postings the store has never seen (new ids and URLs), as the source serves them. */
export function newPostings(count: number, from: number): JobDraft[] {
  return realJobs(count).map((job, i) => ({
    id: `${SOURCE_ID}:new-${from + i}`,
    source: SOURCE_ID,
    url: `https://jobs.example.com/new/${from + i}`,
    title: job.title,
    company: job.company,
    location: job.location,
    remote: job.remote,
    tags: job.tags,
    postedAt: Date.now(),
    description: job.description,
  }));
}
