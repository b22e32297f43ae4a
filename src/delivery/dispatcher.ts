/**
 * The delivery engine (docs/ARCHITECTURE.md "Delivery's guarantees"). It runs for the life of the process: `start` takes up
 * whatever the outbox holds (alerts a previous run left), `wake` takes up what a cycle just
 * added, and each platform's chat queue sends in fair turns within the platform's limits,
 * waking itself when a limit, a 429 or a retry comes due. One send is send-turn.ts; what a failed
 * one leads to is failed-send.ts.
 *
 * An entry leaves the outbox only once the platform confirmed the message carrying it (or it is
 * given up: dropped after its attempts, or its chat paused). A chat's next message starts only
 * after the previous one's outcome is saved, so a crash can repeat at most one message per chat:
 * the one whose send had started and whose confirmation had not reached the disk.
 */
import { digestOf, type Alert, type AlertItem, type OutboxEntry } from "../core/alert.js";
import { platformOf, type ChatId, type Platform } from "../core/chat.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import { chatTiming, planChat, type ChatPlan, type HeldFor } from "../core/schedule-release.js";
import type { DeliveryClaims, Store } from "../store/store.js";
import { chatQueue, type ChatQueue } from "./chat-queue.js";
import { recordFailure, type FailureCounts } from "./failed-send.js";
import { rateLimiter, unlimited, type Permit, type RateLimiter } from "./limiter.js";
import { DEFAULT_RETRY, dueEntries, needsGrouping, nextBatch, type RetryPolicy } from "./outbox.js";
import { systemTimers, type Timers } from "./timers.js";
import { messagePacer, sendWithin } from "./send-turn.js";
import type { ChatTransport } from "./transport.js";

const DEFAULT_SEND_TIMEOUT_MS = 30_000;
/** The parked-alerts log line names this many chats; the count covers all of them. */
const MAX_PARKED_NAMED = 20;
/** Sends in flight at once to a platform that brought no budget. */
const UNPACED_CONCURRENCY = 10;

export interface DeliveryDeps {
  store: Store;
  transports: readonly ChatTransport[];
  clock: Clock;
  log: Logger;
  timers?: Timers;
  /** Jitter for retry waits: Math.random, or a fixed value in tests. */
  random?: () => number;
  retry?: RetryPolicy;
  /**
   * Each platform's budget, shared with its replies (the plug-in's rate policy); a platform
   * without one is not paced by delivery.
   */
  limiters?: ReadonlyMap<Platform, RateLimiter>;
  /** A send without an answer after this long is abandoned and counts as a transient failure. */
  sendTimeoutMs?: number;
  /**
   * With several copies on one database: a chat is served only while this copy holds its claim,
   * and released once it has nothing left. Without: this process serves every chat.
   */
  claims?: DeliveryClaims;
}

/** What delivery did since the previous report (alerts are outbox entries; sends are messages). */
export interface DeliveryReport extends FailureCounts {
  /** Alerts waiting in the outbox now. */
  queued: number;
  sent: number;
}

export interface Delivery {
  /** Takes up the whole outbox: call once at start-up, after a crash as after a clean stop. */
  start(): Promise<void>;
  /** The outbox gained alerts (a cycle committed): give their chats a place in the rounds. */
  wake(): Promise<void>;
  /** Counts since the previous report, and the outbox length. */
  report(): Promise<DeliveryReport>;
  /** Starts no more sends; resolves once those in flight have ended and their outcome is saved. */
  stop(): Promise<void>;
}

const idsOf = (entries: readonly OutboxEntry[]): string[] => entries.map((entry) => entry.id);

export function deliveryEngine(deps: DeliveryDeps): Delivery {
  const { store, clock, log, timers = systemTimers, random = Math.random, retry = DEFAULT_RETRY } = deps;
  const sendTimeoutMs = deps.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const counts: Omit<DeliveryReport, "queued"> = { sent: 0, transient: 0, rateLimited: 0, permanent: 0, dropped: 0 };
  const failureDeps = { store, clock, log, retry, random, counts };
  /** Chats being sent a backlog in groups, until their outbox is empty. */
  const grouping = new Set<ChatId>();

  /** Each running platform's chat queue. */
  const queues = new Map<Platform, ChatQueue>();
  for (const transport of deps.transports) {
    const limiter =
      deps.limiters?.get(transport.platform) ?? rateLimiter(unlimited(UNPACED_CONCURRENCY), { clock, timers });
    const queue = chatQueue({
      limiter,
      concurrency: limiter.concurrency,
      clock,
      timers,
      log,
      serve: (chat, permit) => serveClaimed(transport, limiter, chat, permit),
    });
    queues.set(transport.platform, queue);
  }

  const pendingOf = (chat: ChatId): Promise<OutboxEntry[]> => store.pendingAlertsOf(chat);

  /** The chat's pending alerts as its schedule sees them now (schedule-release.ts). */
  async function planOf(chat: ChatId, pending: readonly OutboxEntry[]): Promise<ChatPlan> {
    const timing = chatTiming(await store.getChat(chat), await store.subscriptionsOf(chat));
    return planChat(pending, timing, clock.now());
  }

  async function nextDue(chat: ChatId): Promise<number | undefined> {
    const pending = await pendingOf(chat);
    const plan = pending.length === 0 ? undefined : await planOf(chat, pending);
    if (!plan || plan.instant.length === 0) grouping.delete(chat);
    return plan?.nextAt;
  }

  async function toAlert(chat: ChatId, batch: readonly OutboxEntry[], heldFor?: HeldFor): Promise<Alert> {
    const items: AlertItem[] = [];
    const seen = new Set<string>();
    for (const { jobId, matches } of batch.flatMap((entry) => entry.items)) {
      const job = seen.has(jobId) ? undefined : await store.getJob(jobId);
      seen.add(jobId);
      if (job) items.push({ job, matches });
    }
    // The fold of the outbox bound (store/outbox-bound.ts) travels alone, or at the end of a digest.
    const overflow = batch.find((entry) => entry.overflow)?.overflow;
    return {
      chat,
      items,
      ...(heldFor ? { digest: digestOf(items, heldFor) } : {}),
      ...(overflow ? { overflow } : {}),
    };
  }

  /**
   * A turn only while this copy holds the chat: another copy serving it leaves it off this copy's
   * rounds (a later wake brings it back, and takes it once that copy's claim ended or expired).
   */
  async function serveClaimed(
    transport: ChatTransport,
    limiter: RateLimiter,
    chat: ChatId,
    permit: Permit,
  ): Promise<number | undefined> {
    const { claims } = deps;
    if (!claims) return serve(transport, limiter, chat, permit);
    if (!(await claims.claim(chat))) return undefined;
    const next = await serve(transport, limiter, chat, permit);
    if (next === undefined) await claims.release(chat);
    return next;
  }

  /** One turn for one chat: see chatQueue's `serve`. */
  async function serve(
    transport: ChatTransport,
    limiter: RateLimiter,
    chat: ChatId,
    permit: Permit,
  ): Promise<number | undefined> {
    const pending = await pendingOf(chat);
    if (pending.length === 0) return nextDue(chat);
    if ((await store.getChat(chat))?.paused) {
      // Paused since these were decided: resuming starts from now, without a replay.
      await store.removeAlerts(idsOf(pending));
      log.info({ chat, alerts: pending.length }, "chat is paused: its queued alerts are dropped");
      return nextDue(chat);
    }
    // Collected and held alerts whose time has come go out first, all of them as one digest.
    const plan = await planOf(chat, pending);
    const due = dueEntries(plan.instant, clock.now());
    if (plan.released.length === 0 && due.length === 0) return plan.nextAt;
    if (needsGrouping(due)) grouping.add(chat);
    const batch = plan.released.length > 0 ? plan.released : nextBatch(due, grouping.has(chat));
    const alert = await toAlert(chat, batch, plan.releasedFor);
    if (alert.items.length === 0 && !alert.overflow) {
      // Every job of these alerts was pruned meanwhile: nothing left to say.
      await store.removeAlerts(idsOf(batch));
      return nextDue(chat);
    }
    const pacer = messagePacer({ limiter, chat, first: permit, clock, timers });
    const failure = await sendWithin(transport, alert, pacer.nextMessage, { timers, sendTimeoutMs }).finally(
      pacer.finish,
    );
    if (!failure) {
      await store.removeAlerts(idsOf(batch));
      counts.sent += 1;
    } else {
      await recordFailure(failureDeps, { limiter, chat, batch, failure });
    }
    return nextDue(chat);
  }

  /** Logs, once, the chats whose alerts wait for a platform that is not running, with their counts. */
  async function logParked(): Promise<void> {
    const parked = new Map<ChatId, number>();
    for (const entry of await store.pendingAlerts())
      if (!queues.has(platformOf(entry.chat))) parked.set(entry.chat, (parked.get(entry.chat) ?? 0) + 1);
    if (parked.size === 0) return;
    const named = Object.fromEntries([...parked].slice(0, MAX_PARKED_NAMED));
    let alerts = 0;
    for (const count of parked.values()) alerts += count;
    log.warn(
      { chats: parked.size, alerts, parked: named },
      "alerts parked: their platform is not running (kept, within MAX_PENDING_PER_CHAT per chat)",
    );
  }

  async function wake(): Promise<void> {
    for (const { chat, nextAttemptAt } of await store.outboxHeads())
      queues.get(platformOf(chat))?.add(chat, nextAttemptAt);
  }

  return {
    async start() {
      const pending = await store.pendingAlerts();
      const idle = pending.filter((entry) => !queues.has(platformOf(entry.chat))).length;
      await logParked();
      if (pending.length > idle) log.info({ alerts: pending.length - idle }, "resuming the outbox");
      await wake();
    },
    wake,
    async report() {
      await logParked(); // once per cycle: the report is asked for once per cycle
      const report = { queued: await store.countPendingAlerts(), ...counts };
      for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] = 0;
      return report;
    },
    async stop() {
      await Promise.all([...queues.values()].map((queue) => queue.stop()));
    },
  };
}
