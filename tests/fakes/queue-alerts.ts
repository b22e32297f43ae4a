/** Puts alerts in a store's outbox the way cycles do: jobs and their alerts in one commit. */
import type { ChatId } from "../../src/core/chat.js";
import type { Store } from "../../src/store/store.js";
import { makeCommit, makeJob, makeOutboxEntry } from "./builders.js";

/** Commits `count` new jobs for each chat, each job its own alert (as if decided by separate cycles); returns the job ids. */
export async function queueAlerts(store: Store, now: number, chats: readonly ChatId[], count = 1): Promise<string[]> {
  const jobs = chats.flatMap(() => Array.from({ length: count }, () => makeJob({ firstSeenAt: now })));
  const outbox = jobs.map((job, i) =>
    makeOutboxEntry({ chat: chats[Math.floor(i / count)], jobIds: [job.id], createdAt: now, nextAttemptAt: now }),
  );
  await store.commitCycle(makeCommit({ newJobs: jobs, outbox }));
  return jobs.map((job) => job.id);
}
