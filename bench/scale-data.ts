/**
 * The data of the scale bench: N subscriptions in C chats over M stored jobs (real postings'
 * sizes, bench/postings.ts), one source whose baseline is done, and the 2,000 new postings the
 * measured cycle brings.
 *
 * Queries are what a job seeker writes: the role in the title, narrowed by two or three words
 * (`title:kotlin android remote`), drawn from the 300-word vocabulary with Zipf-like weights, so
 * that nine in ten texts are distinct. Such a query matches about one new job in 10,000: at a
 * million subscriptions the 2,000 new jobs make some 195,000 matches, queued as 36,000 alerts (a
 * chat's several matches are grouped), the size of cycle issue 16 sets its goals for (it speaks of
 * 300,000 alerts). The earlier data (two of ten common words, such as "remote senior") matched five
 * jobs per subscription: five million matches in one cycle at a million subscriptions, which
 * measured how fast a store writes what no bot ever queues.
 */
import type { JobDraft } from "../src/core/job.js";
import type { Subscription } from "../src/core/subscription.js";
import { emptyStoreData, type StoreData } from "../src/store/data.js";
import { seededRandom } from "./measure.js";
import { realJobs } from "./postings.js";
import { accepted, QUALIFIERS, VOCABULARY } from "./vocabulary.js";

export interface ScaleSize {
  subscriptions: number;
  chats: number;
  jobs: number;
}

export const SOURCE_ID = "bench";

/** Zipf-like: the word of rank r (from 1) is drawn with weight 1/r. */
function zipf(words: readonly string[], random: () => number): () => string {
  let sum = 0;
  const cumulative = words.map((_, rank) => (sum += 1 / (rank + 1)));
  return () => {
    const r = random() * sum;
    let low = 0;
    for (let high = cumulative.length - 1; low < high;) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < r) low = middle + 1;
      else high = middle;
    }
    return words[low] as string;
  };
}

/** A job seeker's query: the role in the title, two or three narrowing words, sometimes one excluded. */
function queryMaker(random: () => number): () => string {
  const word = zipf(VOCABULARY, random);
  const role = zipf(
    VOCABULARY.filter((w) => !QUALIFIERS.has(w)),
    random,
  );
  return () => {
    const terms = new Set([`title:${role()}`]);
    const size = random() < 0.5 ? 3 : 4;
    while (terms.size < size) terms.add(word());
    if (random() < 0.2) terms.add(`-${word()}`);
    return [...terms].join(" ");
  };
}

export function scaleData({ subscriptions, chats, jobs }: ScaleSize): StoreData {
  const data = emptyStoreData();
  const start = Date.UTC(2026, 10, 1);
  data.jobs = realJobs(jobs).map((job, i) => ({ ...job, id: `${SOURCE_ID}:${i}`, source: SOURCE_ID }));
  data.lastSeq = jobs;
  const draw = queryMaker(seededRandom(16));
  for (let i = 0; i < subscriptions; i++) {
    const chat = `telegram:${1_000_000 + (i % chats)}`;
    let query = draw();
    while (!accepted(query)) query = draw();
    const subscription: Subscription = {
      id: String(i + 1),
      chat,
      createdBy: chat.slice(9),
      query,
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
