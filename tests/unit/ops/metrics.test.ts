import { describe, expect, it } from "vitest";
import { DeliveryError } from "../../../src/delivery/transport.js";
import { createMetrics } from "../../../src/ops/metrics.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { makeJob, makeOutboxEntry, makeCommit } from "../../fakes/builders.js";
import { recordingTransport } from "../../fakes/recording-transport.js";

const alert = { chat: "telegram:1", items: [{ job: makeJob(), matches: [] }] };

function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("metrics", () => {
  it("counts sends, failures by kind and 429s per platform", async () => {
    const metrics = createMetrics(memoryStore(), new Map());
    const inner = recordingTransport("telegram");
    const transport = metrics.countSends(inner);
    await transport.send(alert);
    inner.failures.set("telegram:1", new DeliveryError("429", "rate-limited", 3000));
    await expect(transport.send(alert)).rejects.toThrow("429");
    inner.failures.set("telegram:1", new DeliveryError("blocked", "permanent"));
    await expect(transport.send(alert)).rejects.toThrow("blocked");

    const text = await metrics.registry.metrics();
    expect(value(text, 'jobhound_alerts_sent_total{platform="telegram"}')).toBe(1);
    expect(value(text, 'jobhound_alerts_failed_total{platform="telegram",kind="rate-limited"}')).toBe(1);
    expect(value(text, 'jobhound_alerts_failed_total{platform="telegram",kind="permanent"}')).toBe(1);
    expect(value(text, 'jobhound_rate_limited_total{platform="telegram"}')).toBe(1);
  });

  it("records cycles, their outcome and each failing source by name", async () => {
    const metrics = createMetrics(memoryStore(), new Map([["remotive", "Remotive"]]));
    metrics.recordCycle({
      seconds: 1.5,
      report: { fetched: 1, waiting: 0, failed: [{ source: "remotive", reason: "HTTP 503" }], newJobs: 7, alerts: 2 },
    });
    metrics.recordCycle({ seconds: 0.2 });
    const text = await metrics.registry.metrics();
    expect(value(text, 'jobhound_cycles_total{outcome="completed"}')).toBe(1);
    expect(value(text, 'jobhound_cycles_total{outcome="failed"}')).toBe(1);
    expect(value(text, "jobhound_new_jobs_total")).toBe(7);
    expect(value(text, 'jobhound_source_failures_total{source="Remotive"}')).toBe(1);
    expect(value(text, "jobhound_cycle_duration_seconds_count")).toBe(2);
  });

  it("reads subscriptions, chats and the outbox from the store when scraped", async () => {
    const store = memoryStore();
    await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust", createdAt: 0 });
    await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "go", createdAt: 0 });
    await store.addSubscription({ chat: "telegram:2", createdBy: "2", query: "go", createdAt: 0 });
    await store.commitCycle(makeCommit({ outbox: [makeOutboxEntry(), makeOutboxEntry()] }));
    const text = await createMetrics(store, new Map()).registry.metrics();
    expect(value(text, "jobhound_subscriptions")).toBe(3);
    expect(value(text, "jobhound_chats")).toBe(2);
    expect(value(text, "jobhound_outbox_length")).toBe(2);
  });
});
