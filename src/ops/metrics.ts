/**
 * Prometheus metrics (prom-client). Counters are fed by what the composition sees (cycle reports,
 * every send through a platform's transport); gauges read the store when scraped, so they are
 * never stale and nothing has to remember to update them.
 */
import { basename } from "node:path";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CycleReport } from "../core/alert-cycle.js";
import { DeliveryError, type ChatTransport } from "../delivery/transport.js";
import type { WriteOutcome } from "../store/files-store.js";
import type { Store } from "../store/store.js";

export interface Metrics {
  registry: Registry;
  recordCycle(outcome: { report?: CycleReport; seconds: number }): void;
  /** The same transport, counting sends, failures by kind, and 429s. */
  countSends(transport: ChatTransport): ChatTransport;
  /** A store write's outcome (files-store.ts onWriteOutcome). */
  recordStoreWrite(outcome: WriteOutcome): void;
}

/** A copy sharing the database with others (src/store/postgres/copies.ts), as the metrics read it. */
export interface CopyView {
  isScraper(): boolean;
  claimCount(): number;
  share(): number;
}

export function createMetrics(store: Store, sourceLabels: ReadonlyMap<string, string>, copy?: CopyView): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "jobhound_process_" });
  const registers = [registry];

  const cycles = new Counter({
    name: "jobhound_cycles_total",
    help: "Alert cycles run, by outcome",
    labelNames: ["outcome"] as const,
    registers,
  });
  const duration = new Histogram({
    name: "jobhound_cycle_duration_seconds",
    help: "How long an alert cycle took (fetch, match, commit, deliver)",
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers,
  });
  const newJobs = new Counter({ name: "jobhound_new_jobs_total", help: "Jobs first seen", registers });
  const sourceFailures = new Counter({
    name: "jobhound_source_failures_total",
    help: "Failed source fetches",
    labelNames: ["source"] as const,
    registers,
  });
  const sent = new Counter({
    name: "jobhound_alerts_sent_total",
    help: "Alert messages the platform confirmed",
    labelNames: ["platform"] as const,
    registers,
  });
  const failed = new Counter({
    name: "jobhound_alerts_failed_total",
    help: "Alert sends that failed, by platform and kind (transient, rate-limited, permanent)",
    labelNames: ["platform", "kind"] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: "jobhound_rate_limited_total",
    help: "Answers of 429 Too Many Requests",
    labelNames: ["platform"] as const,
    registers,
  });

  const storeWriteFailures = new Counter({
    name: "jobhound_store_write_failures_total",
    help: "Store writes that failed for good (the change was undone), by file",
    labelNames: ["file"] as const,
    registers,
  });
  const storeWritesFailing = new Gauge({
    name: "jobhound_store_writes_failing",
    help: "1 while the store's last write failed (a full or read-only disk), else 0",
    registers,
  });
  storeWritesFailing.set(0);

  new Gauge({
    name: "jobhound_source_jobs_seen",
    help: "Jobs each source has contributed since it was first fetched",
    labelNames: ["source"] as const,
    registers,
    async collect() {
      for (const state of await store.sourceStates())
        this.set({ source: sourceLabels.get(state.id) ?? state.id }, state.jobsSeen);
    },
  });
  /** A gauge read when scraped: never stale, and nothing has to remember to update it. */
  const readGauge = (name: string, help: string, read: () => number | Promise<number>) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        this.set(await read());
      },
    });
  readGauge("jobhound_subscriptions", "Stored subscriptions", () => store.countSubscriptions());
  readGauge("jobhound_chats", "Chats with at least one subscription whose alerts are not paused", () =>
    store.countActiveChats(),
  );
  readGauge("jobhound_outbox_length", "Alerts decided and not yet confirmed sent", () => store.countPendingAlerts());
  if (copy) {
    readGauge("jobhound_copy_scraper", "1 while this copy holds the scraper lease (runs the cycles), else 0", () =>
      copy.isScraper() ? 1 : 0,
    );
    readGauge("jobhound_copy_claims", "Chats whose outbox this copy is delivering now", () => copy.claimCount());
    readGauge(
      "jobhound_copy_budget_share",
      "This copy's share of each platform's overall send limits (1 / copies alive)",
      () => copy.share(),
    );
  }

  return {
    registry,
    recordCycle({ report, seconds }) {
      cycles.inc({ outcome: report ? "completed" : "failed" });
      duration.observe(seconds);
      if (!report) return;
      newJobs.inc(report.newJobs);
      for (const { source } of report.failed) sourceFailures.inc({ source: sourceLabels.get(source) ?? source });
    },
    recordStoreWrite(outcome) {
      storeWritesFailing.set(outcome.ok ? 0 : 1);
      if (!outcome.ok) storeWriteFailures.inc({ file: basename(outcome.file) });
    },
    countSends(transport) {
      const { platform } = transport;
      // Start at zero, so dashboards show the series before the first alert.
      sent.inc({ platform }, 0);
      rateLimited.inc({ platform }, 0);
      return {
        platform,
        async send(alert, options) {
          try {
            await transport.send(alert, options);
            sent.inc({ platform });
          } catch (error) {
            const kind = error instanceof DeliveryError ? error.kind : "transient";
            failed.inc({ platform, kind });
            if (kind === "rate-limited") rateLimited.inc({ platform });
            throw error;
          }
        },
      };
    },
  };
}
