/**
 * Sends the outbox: each due entry goes to its chat's transport, and is removed only once the
 * platform confirmed it. Transient failures are retried with backoff; permanent ones pause the
 * chat (its subscriptions stay; /resume restarts it).
 */
import type { Alert, AlertItem, OutboxEntry } from "../core/alert.js";
import { platformOf, type ChatId } from "../core/chat.js";
import type { Clock } from "../core/clock.js";
import { describeError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { Store } from "../store/store.js";
import { DeliveryError, type ChatTransport } from "./transport.js";

export const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 5_000;

export interface DispatcherDeps {
  store: Store;
  transports: readonly ChatTransport[];
  clock: Clock;
  log: Logger;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  dropped: number;
  pending: number;
}

export function dispatcher({ store, transports, clock, log }: DispatcherDeps) {
  const byPlatform = new Map(transports.map((t) => [t.platform, t]));

  async function resolve(entry: OutboxEntry): Promise<Alert> {
    const items: AlertItem[] = [];
    for (const { jobId, matches } of entry.items) {
      const job = await store.getJob(jobId);
      if (job) items.push({ job, matches });
    }
    return { chat: entry.chat, items };
  }

  async function failed(entry: OutboxEntry, error: unknown, report: DeliveryReport): Promise<void> {
    const reason = describeError(error);
    const kind = error instanceof DeliveryError ? error.kind : "transient";
    report.failed += 1;
    if (kind === "permanent") {
      log.warn({ chat: entry.chat, reason }, "chat refuses alerts: paused");
      await store.setPaused(entry.chat, true, reason);
      await store.removeAlerts([entry.id]);
      return;
    }
    const attempts = entry.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      log.error({ chat: entry.chat, alert: entry.id, attempts, reason }, "alert dropped after repeated failures");
      report.dropped += 1;
      await store.removeAlerts([entry.id]);
      return;
    }
    const retryAfter = error instanceof DeliveryError && error.retryAfterMs !== undefined ? error.retryAfterMs : undefined;
    const backoff = retryAfter ?? BASE_BACKOFF_MS * 2 ** (attempts - 1) * (0.5 + Math.random());
    log.warn({ chat: entry.chat, alert: entry.id, attempts, reason }, "alert send failed; will retry");
    await store.updateAlerts([{ ...entry, attempts, nextAttemptAt: clock.now() + backoff }]);
  }

  /**
   * Sends one entry. When the platform says the chat moved (a Telegram group became a
   * supergroup), the chat's subscriptions, state and queued alerts follow it in the store, and
   * the alert is sent once more at the new address.
   */
  async function deliver(transport: ChatTransport, entry: OutboxEntry, alert: Alert, report: DeliveryReport, moves: Map<ChatId, ChatId>): Promise<void> {
    try {
      await transport.send(alert);
      await store.removeAlerts([entry.id]);
      report.sent += 1;
    } catch (error) {
      const movedTo = error instanceof DeliveryError ? error.movedTo : undefined;
      // A chat that already moved away in this round does not move again: no loops.
      if (movedTo === undefined || moves.has(entry.chat)) return failed(entry, error, report);
      log.info({ chat: entry.chat, movedTo }, "chat moved: its subscriptions follow");
      await store.moveChat(entry.chat, movedTo);
      moves.set(entry.chat, movedTo);
      await deliver(transport, { ...entry, chat: movedTo }, { ...alert, chat: movedTo }, report, moves);
    }
  }

  return {
    /** Sends every due entry once; returns what happened. Never throws for a chat's failure. */
    async deliverDue(): Promise<DeliveryReport> {
      const report: DeliveryReport = { sent: 0, failed: 0, dropped: 0, pending: 0 };
      const due = (await store.pendingAlerts()).filter((entry) => entry.nextAttemptAt <= clock.now());
      // Chats that moved during this round: their other entries moved with them in the store.
      const moves = new Map<ChatId, ChatId>();
      for (const listed of due) {
        const movedTo = moves.get(listed.chat);
        const entry = movedTo === undefined ? listed : { ...listed, chat: movedTo };
        const transport = byPlatform.get(platformOf(entry.chat));
        const chat = await store.getChat(entry.chat);
        if (!transport || chat?.paused) {
          // No adapter for this platform in this run, or the chat paused since: leave it queued
          // only while an adapter may come back; a paused chat does not get a replay on resume.
          if (chat?.paused) await store.removeAlerts([entry.id]);
          continue;
        }
        const alert = await resolve(entry);
        if (alert.items.length === 0) {
          await store.removeAlerts([entry.id]);
          continue;
        }
        await deliver(transport, entry, alert, report, moves);
      }
      report.pending = (await store.pendingAlerts()).length;
      return report;
    },
  };
}

export type Dispatcher = ReturnType<typeof dispatcher>;
