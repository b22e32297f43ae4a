/**
 * `npm run bench -- index`: the subscription index at a million subscriptions (issue 16), drawn as
 * the matcher bench draws them, in 300,000 chats. What the alert cycle does with it, each run as the
 * cycle runs it (in slices, timeSlices()) with an event-loop stall meter beside it: building the
 * index at start, following 1,000 single changes (500 subscribes, 500 unsubscribes), matching 2,000
 * new jobs from the real postings, and deciding the alerts of about 300,000 matches. Goal: no stall
 * over 100 ms anywhere.
 */
import { chatsMatched, decideAlerts, matchJobs } from "../src/core/decide-alerts.js";
import { silentLogger } from "../src/core/logger.js";
import { indexedMatcher } from "../src/core/query/indexed-matcher.js";
import { timeSlices } from "../src/core/slices.js";
import type { ChatState } from "../src/core/subscription.js";
import { subscriptionsOf } from "./matcher.js";
import { megabytes, seededRandom, settledHeap } from "./measure.js";
import { realJobs } from "./postings.js";
import { stallMeter } from "./stall-meter.js";

const SUBSCRIPTIONS = 1_000_000;
const CHATS = 300_000;
const CHANGES = 1_000;
const JOBS = 2_000;
const DECIDED_MATCHES = 300_000;
const STALL_GOAL_MS = 100;

export async function indexBench(): Promise<boolean> {
  const drawStart = performance.now();
  const drawn = subscriptionsOf(SUBSCRIPTIONS + CHANGES / 2).map((s, i) => ({ ...s, chat: `telegram:${i % CHATS}` }));
  const [initial, later] = [drawn.slice(0, SUBSCRIPTIONS), drawn.slice(SUBSCRIPTIONS)];
  const jobs = realJobs(JOBS);
  console.log(`index: ${drawn.length} subscriptions drawn in ${Math.round(performance.now() - drawStart)} ms`);

  const heapBefore = settledHeap();
  const slices = timeSlices(() => performance.now());
  const meter = stallMeter();
  const matcher = indexedMatcher(silentLogger);
  let start = performance.now();
  await matcher.add(initial, slices);
  const build = { ms: performance.now() - start, stall: meter.longest() };
  const heap = settledHeap() - heapBefore;

  const random = seededRandom(7);
  meter.reset();
  let longestChange = 0;
  start = performance.now();
  for (let i = 0; i < CHANGES; i += 1) {
    const at = performance.now();
    if (i % 2 === 0) await matcher.add([later[i / 2] as (typeof later)[number]], slices);
    else matcher.remove([String(1 + Math.floor(random() * SUBSCRIPTIONS))]);
    longestChange = Math.max(longestChange, performance.now() - at);
  }
  const changes = { ms: performance.now() - start, stall: meter.longest() };

  meter.reset();
  start = performance.now();
  const found = await matchJobs(jobs, matcher, slices);
  const matching = { ms: performance.now() - start, stall: meter.longest() };
  const matches = found.reduce((sum, { matches }) => sum + matches.count, 0);

  // The first jobs' matches, up to about 300,000 (the alerts of a large cycle), decided for chats
  // that are all active.
  let decided = 0;
  const someFound = found.filter(({ matches }) => (decided += matches.count) - matches.count < DECIDED_MATCHES);
  meter.reset();
  start = performance.now();
  const chatIds = await chatsMatched(someFound, slices);
  const chats = new Map(chatIds.map((chat): [string, ChatState] => [chat, { chat, cursor: 0, paused: false }]));
  const decision = await decideAlerts(someFound, chats, Date.now(), slices);
  const deciding = { ms: performance.now() - start, stall: meter.longest() };
  meter.stop();

  const figures = (phase: { ms: number; stall: number }) =>
    `${Math.round(phase.ms)} ms, longest stall ${Math.round(phase.stall)} ms`;
  console.log(
    `index: ${SUBSCRIPTIONS} subscriptions in ${CHATS} chats: built in ${figures(build)}, ` +
      `index ${megabytes(heap)} MB of heap, rss ${megabytes(process.memoryUsage().rss)} MB`,
  );
  console.log(
    `index: ${CHANGES} single changes (half subscribes, half unsubscribes) in ${figures(changes)}, ` +
      `slowest change ${longestChange.toFixed(1)} ms`,
  );
  console.log(
    `index: ${JOBS} new jobs matched (documents included) in ${figures(matching)}; ` +
      `${matches} matches, ${Math.round(matches / JOBS)} per job`,
  );
  console.log(
    `index: ${decided} matches of ${someFound.length} jobs decided into ${decision.entries.length} alerts ` +
      `(${chatIds.length} chats) in ${figures(deciding)}`,
  );
  const longest = Math.max(build.stall, changes.stall, matching.stall, deciding.stall);
  console.log(
    `index: goal no stall over ${STALL_GOAL_MS} ms ${longest <= STALL_GOAL_MS ? "met" : "NOT met"} (longest ${Math.round(longest)} ms)`,
  );
  return true;
}
