import { describe, expect, it } from "vitest";
import type { JobDraft } from "../../../src/core/job.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { HttpResult } from "../../../src/sources/http.js";
import { HIMALAYAS_MAX_PAGES, himalayasSource, parseHimalayas } from "../../../src/sources/himalayas.js";
import { PayloadError } from "../../../src/sources/payload.js";
import { fakeHttp, ok } from "../../fakes/fake-http.js";
import { recordingLogger } from "../../fakes/recording-logger.js";
import { fixture } from "../../fixtures.js";

const payload = fixture("himalayas-api-2025.json");
const page = JSON.parse(payload) as { jobs: Record<string, unknown>[] };

function job(jobs: JobDraft[], title: string): JobDraft {
  const found = jobs.find((candidate) => candidate.title === title);
  if (!found) throw new Error(`no job ${title}`);
  return found;
}

describe("parseHimalayas on a 2025 page", async () => {
  const { jobs, skipped } = await parseHimalayas(payload, silentLogger);

  it("reads all 20 jobs, although totalCount is an unfilled template", () => {
    expect(skipped).toBe(0);
    expect(jobs).toHaveLength(20);
  });

  it("reads every field of Honor's Franchise Development, Senior Manager posting", () => {
    const { description, ...fields } = job(jobs, "Franchise Development, Senior Manager");
    expect(fields).toEqual({
      id: "himalayas:honor/franchise-development-senior-manager-8679697269",
      source: "himalayas",
      url: "https://himalayas.app/companies/honor/jobs/franchise-development-senior-manager-8679697269",
      title: "Franchise Development, Senior Manager",
      company: "Honor",
      location: "United States",
      remote: true,
      // Categories arrive as slugs ("Franchise-Manager"); parentCategories is empty here, so no category.
      tags: [
        "Franchise Manager",
        "Senior Manager Of Business Development",
        "Senior Business Development",
        "Franchise Sales Consultant",
        "Executive Franchise Leadership",
        "Senior",
        "Manager",
      ],
      employmentType: "Full Time",
      salary: { min: 144200, max: 170000, currency: "USD", period: "year" },
      logoUrl: "https://cdn-images.himalayas.app/d9x565m0d8qwqrq3tpq6ph432x4b",
      postedAt: 1749520942 * 1000,
      expiresAt: 1754704941 * 1000,
    });
    expect(description.length).toBeGreaterThan(200);
  });

  it("reads pubDate in seconds (documented as milliseconds) and trims titles", () => {
    const analyst = job(jobs, "Data Analyst (Punjabi Speaker)");
    expect(analyst.postedAt).toBe(1749544227 * 1000);
    expect(analyst.expiresAt).toBe(1756681200 * 1000);
    expect(analyst).toMatchObject({
      location: "India",
      employmentType: "Part Time",
      tags: ["Data Analyst", "Entry-level"],
      category: "Data Science",
    });
    expect(analyst).not.toHaveProperty("salary");
  });

  it("sums up a long country list in the location and keeps all of it in the description", () => {
    const growth = job(jobs, "Operations Associate");
    expect(growth.location).toBe("Algeria, Angola, Argentina, Benin and 72 more countries");
    expect(growth.description).toMatch(/^Open to: Algeria, Angola, .*, Zimbabwe\n\n/);
  });

  it("decodes &nbsp; runs into plain spaces", () => {
    expect(job(jobs, "Data Analyst (Punjabi Speaker)").description).toMatch(
      /^For thousands of years, maps have provided humans/,
    );
  });

  it("reads timestamps in milliseconds and a salaryCurrency field too", async () => {
    const drifted = { ...page.jobs[4], pubDate: 1749520300000, currency: undefined, salaryCurrency: "EUR" };
    const [parsed] = (await parseHimalayas(JSON.stringify({ jobs: [drifted] }), silentLogger)).jobs;
    expect(parsed).toMatchObject({ postedAt: 1749520300000, salary: { currency: "EUR" } });
  });

  it("fails on a payload that is not a job page", async () => {
    await expect(parseHimalayas('{"error":"Too many requests"}', silentLogger)).rejects.toThrow(
      new PayloadError('not a Himalayas job page: an object without a "jobs" list'),
    );
  });
});

describe("himalayasSource paging", () => {
  const pageOf = (offset: number, size = 20) =>
    JSON.stringify({
      jobs: page.jobs.slice(0, size).map((item) => ({ ...item, guid: `${String(item["guid"])}-${offset}` })),
    });

  it(`reads pages of 20 one after another, at most ${HIMALAYAS_MAX_PAGES}`, async () => {
    const http = fakeHttp((url) => ok(pageOf(Number(new URL(url).searchParams.get("offset")))));
    const outcome = await himalayasSource({ http, minIntervalMs: 0 }).fetch({}, silentLogger);
    expect(http.requests.map((r) => new URL(r.url).search)).toEqual(
      [0, 20, 40, 60, 80].map((offset) => `?limit=20&offset=${offset}`),
    );
    expect(outcome).toMatchObject({ status: "ok" });
    expect(outcome.status === "ok" && outcome.jobs).toHaveLength(100);
  });

  it("stops at a short page", async () => {
    const http = fakeHttp((url) =>
      ok(pageOf(Number(new URL(url).searchParams.get("offset")), url.includes("offset=20") ? 7 : 20)),
    );
    const outcome = await himalayasSource({ http, minIntervalMs: 0 }).fetch({}, silentLogger);
    expect(http.requests).toHaveLength(2);
    expect(outcome.status === "ok" && outcome.jobs).toHaveLength(27);
  });

  it("stops when a server ignores the offset and serves the same page again", async () => {
    const http = fakeHttp(() => ok(payload));
    const outcome = await himalayasSource({ url: "http://127.0.0.1:9/himalayas", http, minIntervalMs: 0 }).fetch(
      {},
      silentLogger,
    );
    expect(http.requests).toHaveLength(2);
    expect(outcome.status === "ok" && outcome.jobs).toHaveLength(20);
  });

  it("keeps the pages it has when a later one fails, and fails when the first does", async () => {
    const log = recordingLogger();
    const failing = (from: number) =>
      fakeHttp((url): HttpResult => {
        if (Number(new URL(url).searchParams.get("offset")) >= from) throw new Error("HTTP 502 from himalayas.app");
        return ok(pageOf(Number(new URL(url).searchParams.get("offset"))));
      });
    const partial = await himalayasSource({ http: failing(40), minIntervalMs: 0 }).fetch({}, log);
    expect(partial.status === "ok" && partial.jobs).toHaveLength(40);
    expect(log.at("warn")[0]?.message).toBe("later page failed; keeping the pages before it");
    await expect(himalayasSource({ http: failing(0), minIntervalMs: 0 }).fetch({}, silentLogger)).rejects.toThrow(
      "HTTP 502 from himalayas.app",
    );
  });
});
