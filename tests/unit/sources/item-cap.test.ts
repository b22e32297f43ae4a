/** What one fetch may bring (issue #14): at most MAX_ITEMS_PER_FETCH jobs, the newest, and capped fields. */
import { describe, expect, it } from "vitest";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import { FIELD_CAPS, normaliseJob } from "../../../src/core/job.js";
import { naiveMatcher } from "../../../src/core/query/matcher.js";
import { createSources, parseSourceSpec } from "../../../src/sources/registry.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { fakeHttp, ok } from "../../fakes/fake-http.js";
import { manualTime } from "../../fakes/manual-time.js";
import { recordingLogger } from "../../fakes/recording-logger.js";

const EPOCH = 1_733_260_504;

/** A Remote OK payload of `count` postings, posted one minute apart, the oldest first. */
function remoteOkPayload(count: number): string {
  const items = Array.from({ length: count }, (_, i) => ({
    id: String(i),
    epoch: EPOCH + i * 60,
    position: `Engineer ${i}`,
    company: "Acme",
    url: `https://remoteok.com/remote-jobs/${i}`,
    description: "",
  }));
  return JSON.stringify(items);
}

describe("the cap on one fetch", () => {
  it("stores at most MAX_ITEMS_PER_FETCH of a 60,000-item fetch, the newest, with one warning", async () => {
    const store = memoryStore();
    const clock = manualTime();
    const log = recordingLogger();
    const http = fakeHttp(() => ok(remoteOkPayload(60_000)));
    const sources = createSources(parseSourceSpec("remoteok"), { http, clock, maxItemsPerFetch: 2000 });
    const cycle = alertCycle({ store, sources, createMatcher: naiveMatcher, clock, log });

    await cycle.run();

    const stored = await store.recentJobs();
    expect(stored).toHaveLength(2000);
    const ids = stored.map((job) => Number(job.id.replace("remoteok:", "")));
    expect(ids.every((id) => id >= 58_000)).toBe(true);
    const warnings = log.at("warn").filter((record) => record.message.includes("MAX_ITEMS_PER_FETCH"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ source: "remoteok", items: 60_000, kept: 2000, leftOut: 58_000 });
  });

  it("takes every item of a fetch within the cap, without a warning", async () => {
    const store = memoryStore();
    const clock = manualTime();
    const log = recordingLogger();
    const http = fakeHttp(() => ok(remoteOkPayload(30)));
    const sources = createSources(parseSourceSpec("remoteok"), { http, clock, maxItemsPerFetch: 30 });
    await alertCycle({ store, sources, createMatcher: naiveMatcher, clock, log }).run();
    expect(await store.recentJobs()).toHaveLength(30);
    expect(log.at("warn")).toEqual([]);
  });
});

describe("field caps", () => {
  it("cuts a long title, company, location, tags and description, and keeps at most 20 tags", () => {
    const long = (n: number) => "word ".repeat(n);
    const job = normaliseJob({
      id: "x:1",
      source: "x",
      url: "https://example.test/1",
      title: long(200),
      company: long(200),
      location: long(200),
      tags: [long(30), ...Array.from({ length: 40 }, (_, i) => `tag${i}`)],
      postedAt: 0,
      description: long(100_000),
    });
    expect(job.title.length).toBeLessThanOrEqual(FIELD_CAPS.title);
    expect(job.title.endsWith("word…")).toBe(true);
    expect(job.company.length).toBeLessThanOrEqual(FIELD_CAPS.company);
    expect(job.location.length).toBeLessThanOrEqual(FIELD_CAPS.location);
    expect(job.tags).toHaveLength(20);
    expect(job.tags[0]?.length).toBeLessThanOrEqual(FIELD_CAPS.tag);
    expect(job.description.length).toBeLessThanOrEqual(FIELD_CAPS.description);
    expect(job.description.endsWith("…")).toBe(true);
  });

  it("leaves fields within their caps as they are", () => {
    const job = normaliseJob({
      id: "x:1",
      source: "x",
      url: "https://example.test/1",
      title: "Engineer",
      company: "Acme",
      location: "Berlin",
      tags: ["go"],
      postedAt: 0,
      description: "Build things.",
    });
    expect(job).toMatchObject({ title: "Engineer", company: "Acme", location: "Berlin", tags: ["go"] });
    expect(job.description).toBe("Build things.");
  });
});
