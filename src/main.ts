/**
 * Composition: config → logger → store → sources → platforms → delivery → alert cycle → scheduler
 * (docs/ARCHITECTURE.md "The house"). The only place that knows every layer; everything below it
 * gets its dependencies passed in.
 */
import { existsSync } from "node:fs";
import { defaultSettings, type SharedContext } from "../commands/command.js";
import { ConfigError, databaseSecrets, loadConfig, type Config } from "./config.js";
import { performance } from "node:perf_hooks";
import { alertCycle, type CycleReport } from "./core/alert-cycle.js";
import { platformOf } from "./core/chat.js";
import { DAY, systemClock } from "./core/clock.js";
import { sourceHealth } from "./core/source-state.js";
import { describeError } from "./core/errors.js";
import { indexedMatcher } from "./core/query/indexed-matcher.js";
import { prepareDocuments } from "./core/query/search.js";
import { ensureWritableDir } from "./data-dir.js";
import { applyHeapPolicy } from "./heap-policy.js";
import { chatEvents } from "./delivery/chat-events.js";
import { deliveryEngine } from "./delivery/dispatcher.js";
import { systemTimers } from "./delivery/timers.js";
import { createLogger } from "./logging.js";
import { copyStatus, health } from "./ops/health.js";
import { platformRoutes, startOpsServer } from "./ops/http-server.js";
import { createMetrics, type Metrics } from "./ops/metrics.js";
import { configuredPlatforms, platformSecrets, PLATFORMS, startPlatforms } from "./platforms.js";
import { startScheduler } from "./scheduler.js";
import { createHttpClient, USER_AGENT } from "./sources/http.js";
import { createSources } from "./sources/registry.js";
import { openFilesStore, type WriteOutcome } from "./store/files-store.js";
import { joinCopies, type Copies } from "./store/postgres/copies.js";
import { openPostgresStore } from "./store/postgres/postgres-store.js";
import type { Store } from "./store/store.js";
import type { Logger } from "./core/logger.js";
import { numberWordsInWorker } from "./word-numbering-worker.js";

const SHUTDOWN_GRACE_MS = 8_000;
/** A delivery claim outlives the longest send by this much (a turn also writes its outcome). */
const CLAIM_MARGIN_SECONDS = 15;
/** How often a copy sharing the database looks for due alerts besides its own wakes. */
const DELIVERY_POLL_MS = 2_000;

function fail(message: string): never {
  process.stderr.write(`jobhound: ${message}\n`);
  process.exit(1);
}

function readConfig(): Config {
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(`invalid configuration: ${error.message}`);
    throw error;
  }
  // A plug-in checks what spans its variables (a webhook URL against its API root) as it is configured.
  try {
    configuredPlatforms(config);
  } catch (error) {
    fail(`invalid configuration: ${describeError(error)}`);
  }
  return config;
}

/**
 * PostgreSQL when DATABASE_URL is set; otherwise the files in DATA_DIR, which need no server.
 * `onWriteOutcome` hears of each file write (the files store's writes can fail on a full disk).
 */
async function openStore(config: Config, log: Logger, onWriteOutcome: (outcome: WriteOutcome) => void): Promise<Store> {
  if (config.DATABASE_URL) {
    return openPostgresStore(config.DATABASE_URL, { log }).catch((error: unknown) =>
      fail(`cannot use DATABASE_URL: ${describeError(error)}`),
    );
  }
  const dataDirProblem = await ensureWritableDir(config.DATA_DIR);
  if (dataDirProblem) fail(`invalid configuration: DATA_DIR ${dataDirProblem}`);
  return openFilesStore(config.DATA_DIR, {
    log,
    limits: { maxPendingPerChat: config.MAX_PENDING_PER_CHAT },
    onWriteOutcome,
  }).catch((error: unknown) => fail(describeError(error)));
}

async function main(): Promise<void> {
  applyHeapPolicy();
  const config = readConfig();
  const log = createLogger({
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: [...platformSecrets(config), ...databaseSecrets(config)],
  });
  // Store write failures turn /healthz degraded and count in /metrics until a write succeeds again.
  const storeWrites: { failure?: { file: string; error: string; since: number }; metrics?: Metrics } = {};
  const store = await openStore(config, log, (outcome) => {
    storeWrites.metrics?.recordStoreWrite(outcome);
    if (outcome.ok) delete storeWrites.failure;
    else storeWrites.failure ??= { file: outcome.file, error: outcome.error, since: systemClock.now() };
  });
  // Delivery starts after the platforms (it needs their transports); chat events and changed
  // schedules wake it through this forward.
  let wakeDelivery = async (): Promise<void> => {};
  // On PostgreSQL, other copies may share the database: they take turns (README "Running several copies").
  let runCycleNow = (): void => {};
  const copies: Copies | undefined = config.DATABASE_URL
    ? await joinCopies(config.DATABASE_URL, {
        log: log.child({ component: "copies" }),
        claimSeconds: config.DELIVERY_TIMEOUT_SECONDS + CLAIM_MARGIN_SECONDS,
        onScraper: () => runCycleNow(),
        onAlerts: () => void wakeDelivery().catch((error: unknown) => log.warn({ error }, "waking delivery failed")),
      }).catch((error: unknown) => fail(`cannot use DATABASE_URL: ${describeError(error)}`))
    : undefined;

  const clock = systemClock;
  const http = createHttpClient({ userAgent: USER_AGENT, timeoutMs: config.FETCH_TIMEOUT_SECONDS * 1000 });
  const sources = createSources(config.SOURCES, { http, clock, maxItemsPerFetch: config.MAX_ITEMS_PER_FETCH });
  const context: SharedContext = {
    store,
    clock,
    log: log.child({ component: "commands" }),
    sources: sources.map(({ id, label }) => ({ id, label })),
    settings: {
      ...defaultSettings,
      maxSubscriptionsPerChat: config.MAX_SUBSCRIPTIONS_PER_CHAT,
      retentionDays: config.RETENTION_DAYS,
    },
    // A changed schedule may release what was collected (/digest off sends it now).
    personalChat: (chat, user) =>
      PLATFORMS.find((plugin) => plugin.name === platformOf(chat))?.addressing.personalChat?.(user) ?? chat,
    scheduleChanged: () =>
      void wakeDelivery().catch((error: unknown) =>
        log.error({ error }, "waking delivery after a schedule change failed"),
      ),
  };
  const events = chatEvents({ store, log: log.child({ component: "chats" }), wake: () => wakeDelivery() });
  const routes = config.HTTP_PORT === undefined ? undefined : platformRoutes();
  const platforms = await startPlatforms(config, {
    commands: context,
    log,
    events,
    dataDir: config.DATA_DIR,
    clock,
    timers: systemTimers,
    ...(routes ? { http: routes } : {}),
    ...(copies ? { budgetShare: copies.share, sessionLease: { watch: copies.watchLease } } : {}),
  }).catch((error: unknown) => fail(describeError(error)));
  const metrics = createMetrics(store, new Map(sources.map((s) => [s.id, s.label])), copies);
  storeWrites.metrics = metrics;
  const delivery = deliveryEngine({
    store,
    transports: platforms.map((p) => metrics.countSends(p.transport)),
    limiters: new Map(platforms.map((p) => [p.name, p.limiter])),
    clock,
    log: log.child({ component: "delivery" }),
    sendTimeoutMs: config.DELIVERY_TIMEOUT_SECONDS * 1000,
    ...(copies ? { claims: copies.claims } : {}),
  });
  wakeDelivery = delivery.wake;
  // Each source's alerts go out as soon as its results are committed, not when the slowest board answers.
  const cycle = alertCycle({
    store,
    sources,
    createMatcher: indexedMatcher,
    clock,
    log: log.child({ component: "cycle" }),
    maxJobAgeMs: config.MAX_JOB_AGE_DAYS * DAY,
    afterCommit: async () => {
      await delivery.wake();
      await copies?.announceAlerts();
    },
  });
  await delivery.start();
  // Other copies add alerts too (the scraper announces its cycles' alerts, but chat events move them
  // unannounced, and a notification is lost while the lease connection is down), and a dead copy's
  // claims expire: every copy also looks for due work now and then.
  const poll = copies
    ? setInterval(
        () => void delivery.wake().catch((error: unknown) => log.warn({ error }, "looking for due alerts failed")),
        DELIVERY_POLL_MS,
      )
    : undefined;

  const storedIn = config.DATABASE_URL ? { store: "postgresql" } : { store: "files", dataDir: config.DATA_DIR };
  log.info({ sources: sources.length, schedule: config.SCRAPE_SCHEDULE, ...storedIn }, "Jobhound started");
  // /latest and /subscribe search every stored job: their words are indexed in the background, on
  // a worker thread beside the first cycle, and on this thread too once that cycle is over.
  let firstCycleOver = () => {};
  const helpFrom = new Promise<void>((resolve) => (firstCycleOver = resolve));
  void prepareDocuments(await store.recentJobs(), {
    elsewhere: numberWordsInWorker(log.child({ component: "words" })),
    helpFrom,
  }).catch((error: unknown) => log.warn({ error }, "preparing job documents failed"));
  const startedAt = clock.now();
  const times: { lastCycleAt?: number; lastCompletedCycleAt?: number } = {};
  const scheduler = startScheduler(
    config.SCRAPE_SCHEDULE,
    async (signal) => {
      if (copies && !copies.isScraper()) {
        firstCycleOver();
        log.info(await delivery.report(), "delivery since the previous cycle");
        return;
      }
      times.lastCycleAt = clock.now();
      const started = performance.now();
      let report: CycleReport | undefined;
      try {
        report = await cycle.run(signal);
        log.info(await delivery.report(), "delivery since the previous cycle");
        const now = clock.now();
        const pruned = await store.pruneJobs(now - config.RETENTION_DAYS * DAY, now);
        if (pruned > 0) log.info({ pruned }, "old jobs pruned");
        times.lastCompletedCycleAt = clock.now();
      } finally {
        firstCycleOver();
        metrics.recordCycle({ report, seconds: (performance.now() - started) / 1000 });
      }
    },
    log,
  );
  runCycleNow = () => void scheduler.runNow();
  const ops =
    config.HTTP_PORT === undefined
      ? undefined
      : await startOpsServer(
          config.HTTP_HOST,
          config.HTTP_PORT,
          {
            health: async () =>
              health({
                now: clock.now(),
                startedAt,
                periodMs: scheduler.periodMs(),
                ...times,
                sourcesFailing: (await store.sourceStates())
                  .filter((s) => sourceHealth(s).status === "failing")
                  .map((s) => s.id),
                platforms: platforms.map((p) => ({ name: p.name, connected: p.connected() })),
                ...(storeWrites.failure ? { storeWriteFailure: storeWrites.failure } : {}),
                ...(copies ? { copy: copyStatus(copies) } : {}),
              }),
            ...(routes ? { platforms: routes.routes } : {}),
            metrics: async () => ({
              contentType: metrics.registry.contentType,
              text: await metrics.registry.metrics(),
            }),
          },
          log,
        ).catch((error: unknown) => fail(`cannot serve HTTP_PORT ${config.HTTP_PORT}: ${describeError(error)}`));

  let stopping = false;
  async function shutdown(reason: string, exitCode = 0): Promise<void> {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "shutting down");
    const force = setTimeout(() => {
      log.warn({ exitCode }, "shutdown grace period over: exiting with work unfinished (the store is consistent)");
      process.exit(exitCode);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    await scheduler.stop();
    await delivery.stop();
    clearInterval(poll);
    await copies?.leave();
    await ops?.close();
    await Promise.all(
      platforms.map((p) =>
        p.stop().catch((error: unknown) => log.warn({ platform: p.name, error }, "platform stop failed")),
      ),
    );
    await store.close();
    process.exit(exitCode);
  }
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  for (const platform of platforms) {
    void platform.ended?.then(
      () => shutdown(`${platform.name} ended`),
      () => shutdown(`${platform.name} failed`, 1),
    );
  }
}

await main();
