/**
 * Composition: config → logger → store → sources → alert cycle → platforms → scheduler. The only
 * place that knows every layer; everything below it gets its dependencies passed in.
 */
import { existsSync } from "node:fs";
import { defaultSettings, type SharedContext } from "../commands/command.js";
import { ConfigError, loadConfig, secretsOf, type Config } from "./config.js";
import { alertCycle } from "./core/alert-cycle.js";
import { DAY, systemClock } from "./core/clock.js";
import { describeError } from "./core/errors.js";
import { indexedMatcher } from "./core/query/indexed-matcher.js";
import { prepareDocuments } from "./core/query/search.js";
import { ensureWritableDir } from "./data-dir.js";
import { dispatcher } from "./delivery/dispatcher.js";
import { createLogger } from "./logging.js";
import { startPlatforms } from "./platforms.js";
import { startScheduler } from "./scheduler.js";
import { createHttpClient, USER_AGENT } from "./sources/http.js";
import { createSources } from "./sources/registry.js";
import { openLowdbStore } from "./store/lowdb-store.js";

const SHUTDOWN_GRACE_MS = 8_000;
const RETRY_INTERVAL_MS = 15_000;

function fail(message: string): never {
  process.stderr.write(`jobhound: ${message}\n`);
  process.exit(1);
}

function readConfig(): Config {
  if (existsSync(".env")) process.loadEnvFile(".env");
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(`invalid configuration: ${error.message}`);
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, secrets: secretsOf(config) });
  const dataDirProblem = await ensureWritableDir(config.DATA_DIR);
  if (dataDirProblem) fail(`invalid configuration: DATA_DIR ${dataDirProblem}`);
  const store = await openLowdbStore(config.DATA_DIR, { log }).catch((error: unknown) => fail(describeError(error)));

  const clock = systemClock;
  const http = createHttpClient({ userAgent: USER_AGENT, timeoutMs: config.FETCH_TIMEOUT_SECONDS * 1000 });
  const sources = createSources(config.SOURCES, { http });
  const cycle = alertCycle({ store, sources, createMatcher: indexedMatcher, clock, log: log.child({ component: "cycle" }) });
  const context: SharedContext = {
    store,
    clock,
    log: log.child({ component: "commands" }),
    sources: sources.map(({ id, label }) => ({ id, label })),
    settings: { ...defaultSettings, maxSubscriptionsPerChat: config.MAX_SUBSCRIPTIONS_PER_CHAT },
  };
  const platforms = await startPlatforms(config, context, log).catch((error: unknown) => fail(describeError(error)));
  const delivery = dispatcher({ store, transports: platforms.map((p) => p.transport), clock, log: log.child({ component: "delivery" }) });

  log.info({ sources: sources.length, schedule: config.SCRAPE_SCHEDULE, dataDir: config.DATA_DIR }, "Jobhound started");
  void prepareDocuments(await store.recentJobs()).catch((error: unknown) => log.warn({ error }, "preparing job documents failed"));
  const scheduler = startScheduler(
    config.SCRAPE_SCHEDULE,
    async () => {
      await cycle.run();
      await delivery.deliverDue();
      const pruned = await store.pruneJobs(clock.now() - config.RETENTION_DAYS * DAY);
      if (pruned > 0) log.info({ pruned }, "old jobs pruned");
    },
    log,
  );
  // Retries come due between cycles: deliver them without waiting for the next fetch.
  const retries = setInterval(() => void scheduler.runIfIdle(delivery.deliverDue), RETRY_INTERVAL_MS);

  let stopping = false;
  async function shutdown(reason: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "shutting down");
    clearInterval(retries);
    const force = setTimeout(() => {
      log.warn({}, "shutdown grace period over: exiting with work unfinished (the store is consistent)");
      process.exit(0);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    await scheduler.stop();
    await Promise.all(platforms.map((p) => p.stop().catch((error: unknown) => log.warn({ platform: p.name, error }, "platform stop failed"))));
    await store.close();
    process.exit(0);
  }
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  for (const platform of platforms) void platform.ended?.then(() => shutdown(`${platform.name} ended`));
}

await main();
