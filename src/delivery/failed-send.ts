/**
 * What delivery does with a send that failed, by the kind of failure the transport reported
 * (transport.ts): wait out a 429, pause a chat that refuses alerts, retry with backoff and give up
 * after the policy's attempts, or nothing when the chat moved (its alerts moved with it).
 */
import type { OutboxEntry } from "../core/alert.js";
import type { ChatId } from "../core/chat.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { Store } from "../store/store.js";
import type { RateLimiter } from "./limiter.js";
import { afterTransientFailure, type RetryPolicy } from "./outbox.js";
import type { DeliveryError } from "./transport.js";

/** When a 429 does not say how long to wait. */
const DEFAULT_RETRY_AFTER_MS = 5_000;

/** Failures since the last delivery report. */
export interface FailureCounts {
  transient: number;
  /** Answers of 429. */
  rateLimited: number;
  permanent: number;
  dropped: number;
}

export interface FailureDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  retry: RetryPolicy;
  /** Jitter for retry waits. */
  random: () => number;
  counts: FailureCounts;
}

export interface FailedSend {
  limiter: RateLimiter;
  chat: ChatId;
  batch: readonly OutboxEntry[];
  failure: DeliveryError;
}

const idsOf = (entries: readonly OutboxEntry[]): string[] => entries.map((entry) => entry.id);

export async function recordFailure(
  { store, clock, log, retry, random, counts }: FailureDeps,
  { limiter, chat, batch, failure }: FailedSend,
): Promise<void> {
  const now = clock.now();
  const context = { chat, alerts: batch.length, reason: failure.message };
  switch (failure.kind) {
    case "moved":
      // The chat event moved this batch with the chat and woke delivery for its new address.
      return;
    case "rate-limited": {
      counts.rateLimited += 1;
      const retryAfterMs = failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
      limiter.hold(chat, now + retryAfterMs, failure.scope, now);
      log.warn({ ...context, retryAfterMs, scope: failure.scope }, "rate limited: waiting as told");
      return;
    }
    case "permanent": {
      counts.permanent += 1;
      await store.setPaused(chat, true, failure.message);
      await store.removeAlerts(idsOf(await store.pendingAlertsOf(chat)));
      // Its subscriptions stay; /resume starts alerts again, without a replay.
      log.warn(context, "chat refuses alerts: paused");
      return;
    }
    case "transient": {
      counts.transient += 1;
      const { retry: again, drop } = afterTransientFailure(batch, now, retry, random);
      if (again.length > 0) await store.updateAlerts(again);
      if (drop.length > 0) {
        await store.removeAlerts(idsOf(drop));
        counts.dropped += drop.length;
        log.error(
          { ...context, dropped: idsOf(drop), jobs: drop.flatMap((e) => e.items.map((i) => i.jobId)) },
          "alert dropped after repeated failures",
        );
      }
      const retryAt = again[0]?.nextAttemptAt;
      log.warn({ ...context, ...(retryAt === undefined ? {} : { retryInMs: retryAt - now }) }, "send failed");
      return;
    }
  }
}
