/**
 * The delivery engine (docs/ARCHITECTURE.md "Delivery's guarantees"). It runs for the life of the process: `start` takes up
 * whatever the outbox holds (alerts a previous run left), `wake` takes up what a cycle just
 * added, and each platform's chat queue sends in fair turns within the platform's limits,
 * waking itself when a limit, a 429 or a retry comes due.
 *
 * An entry leaves the outbox only once the platform confirmed the message carrying it (or it is
 * given up: dropped after its attempts, or its chat paused). A chat's next message starts only
 * after the previous one's outcome is saved, so a crash can repeat at most one message per chat:
 * the one whose send had started and whose confirmation had not reached the disk.
 */
import { digestOf, type Alert, type AlertItem, type OutboxEntry } from "../core/alert.js";
import { platformOf, type ChatId, type Platform } from "../core/chat.js";
import type { Clock } from "../core/clock.js";
import { describeError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import { chatTiming, planChat, type ChatPlan, type HeldFor } from "../core/schedule-release.js";
import type { DeliveryClaims, Store } from "../store/store.js";
import { chatQueue, type ChatQueue } from "./chat-queue.js";
import { rateLimiter, unlimited, type Permit, type RateLimiter } from "./limiter.js";
import {
  afterTransientFailure,
  DEFAULT_RETRY,
  dueEntries,
  needsGrouping,
  nextBatch,
  type RetryPolicy,
} from "./outbox.js";
import { systemTimers, type Timers } from "./timers.js";
import { DeliveryError, type ChatTransport } from "./transport.js";

/** When a 429 does not say how long to wait. */
const DEFAULT_RETRY_AFTER_MS = 5_000;
const DEFAULT_SEND_TIMEOUT_MS = 30_000;
/** How soon to look again when the limits wait for a send in flight to end. */
const RECHECK_MS = 50;
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
export interface DeliveryReport {
  /** Alerts waiting in the outbox now. */
  queued: number;
  sent: number;
  transient: number;
  /** Answers of 429. */
  rateLimited: number;
  permanent: number;
  dropped: number;
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
  const counts = { sent: 0, transient: 0, rateLimited: 0, permanent: 0, dropped: 0 };
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
   * Counts the messages of one alert against the limits: the first under the turn's permit, each
   * further one (a long grouped alert the platform splits) under its own, once the limits allow.
   */
  function messagePacer(limiter: RateLimiter, chat: ChatId, first: Permit) {
    let current = first;
    let done = false;
    const wait = (now: number) => Math.max(limiter.overallWait(now), limiter.chatWait(chat, now));
    return {
      async nextMessage(): Promise<void> {
        current.answered(clock.now());
        for (let ms = wait(clock.now()); ms > 0 && !done; ms = wait(clock.now())) {
          await new Promise<void>((resolve) => timers.after(Number.isFinite(ms) ? ms : RECHECK_MS, resolve));
        }
        // The send was given up meanwhile (timeout): its remaining messages must not go out.
        if (done) throw new DeliveryError("send abandoned", "transient");
        current = limiter.begin(chat, clock.now());
      },
      /** The send is over: its last message was answered, or never will be. */
      finish(): void {
        done = true;
        current.answered(clock.now());
      },
    };
  }

  async function sendWithin(
    transport: ChatTransport,
    alert: Alert,
    nextMessage: () => Promise<void>,
  ): Promise<DeliveryError | undefined> {
    const controller = new AbortController();
    let cancelTimeout = (): void => {};
    const timedOut = new Promise<never>((_, reject) => {
      cancelTimeout = timers.after(sendTimeoutMs, () => {
        const error = new DeliveryError(`no answer within ${sendTimeoutMs / 1000} s`, "transient");
        controller.abort(error);
        reject(error);
      });
    });
    try {
      await Promise.race([transport.send(alert, { signal: controller.signal, nextMessage }), timedOut]);
      return undefined;
    } catch (error) {
      return error instanceof DeliveryError ? error : new DeliveryError(describeError(error), "transient");
    } finally {
      cancelTimeout();
    }
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
    const pacer = messagePacer(limiter, chat, permit);
    const failure = await sendWithin(transport, alert, pacer.nextMessage).finally(pacer.finish);
    if (!failure) {
      await store.removeAlerts(idsOf(batch));
      counts.sent += 1;
    } else {
      await failed(limiter, chat, batch, failure);
    }
    return nextDue(chat);
  }

  async function failed(
    limiter: RateLimiter,
    chat: ChatId,
    batch: readonly OutboxEntry[],
    failure: DeliveryError,
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
        await store.removeAlerts(idsOf(await pendingOf(chat)));
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
