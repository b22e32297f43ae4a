import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.js";
import { arbeitnowSource, ARBEITNOW_MAX_PAGES, parseArbeitnow } from "../../../src/sources/arbeitnow.js";
import { PayloadError } from "../../../src/sources/payload.js";
import { fakeHttp, ok } from "../../fakes/fake-http.js";
import { fixture } from "../../fixtures.js";

const payload = fixture("arbeitnow-data-only-2026.json");
const items = JSON.parse(payload) as Record<string, unknown>[];

describe("parseArbeitnow on the 2026 capture", async () => {
  const { jobs, skipped, next } = await parseArbeitnow(payload, silentLogger);

  it("reads the three jobs, keeping the board's own remote flag", () => {
    expect(skipped).toBe(0);
    expect(next).toBeUndefined();
    expect(jobs.map((j) => j.remote)).toEqual([true, false, false]);
  });

  it("reads every field of Kjavik's remote working-student posting", () => {
    const { description, ...fields } = jobs[0]!;
    expect(fields).toEqual({
      id: "arbeitnow:video-editor-cutter-short-form-video-ads-werkstudentin-100-remote-munich-62001",
      source: "arbeitnow",
      url: "https://www.arbeitnow.com/jobs/companies/kjavik/video-editor-cutter-short-form-video-ads-werkstudentin-100-remote-munich-62001",
      title: "Video Editor / Cutter (m/w/d) Short-Form Video Ads - Werkstudent:in (100% Remote)",
      company: "Kjavik",
      location: "Munich",
      remote: true,
      tags: ["Remote", "Media", "Screen and Web Design"],
      employmentType: "Working student",
      postedAt: 1771875104 * 1000,
    });
    expect(description).toMatch(/^KJAVIK steht für Barfußschuhe/);
  });

  it("reads the envelope with links.next, and created_at in milliseconds", async () => {
    const envelope = {
      data: [{ ...items[1], created_at: 1771875102000 }],
      links: { next: "https://www.arbeitnow.com/api/job-board-api?page=2" },
      meta: { current_page: 1 },
    };
    const parsed = await parseArbeitnow(JSON.stringify(envelope), silentLogger);
    expect(parsed.next).toBe("https://www.arbeitnow.com/api/job-board-api?page=2");
    expect(parsed.jobs[0]?.postedAt).toBe(1771875102000);
  });

  it("fails on a payload that is not a job page", async () => {
    await expect(parseArbeitnow('{"message":"Server Error"}', silentLogger)).rejects.toThrow(
      new PayloadError('not an Arbeitnow job page: an object without a "data" list'),
    );
  });
});

describe("arbeitnowSource paging", () => {
  const pageWith = (page: number, next?: string) =>
    JSON.stringify({
      data: items.map((item) => ({ ...item, slug: `${String(item["slug"])}-p${page}` })),
      links: { next: next ?? null },
    });

  it(`follows links.next, at most ${ARBEITNOW_MAX_PAGES} pages`, async () => {
    const http = fakeHttp((url) => {
      const page = Number(new URL(url).searchParams.get("page") ?? "1");
      return ok(pageWith(page, `https://www.arbeitnow.com/api/job-board-api?page=${page + 1}`));
    });
    const outcome = await arbeitnowSource({ http, minIntervalMs: 0 }).fetch({}, silentLogger);
    expect(http.requests.map((r) => r.url)).toEqual([
      "https://www.arbeitnow.com/api/job-board-api",
      "https://www.arbeitnow.com/api/job-board-api?page=2",
      "https://www.arbeitnow.com/api/job-board-api?page=3",
    ]);
    expect(outcome.status === "ok" && outcome.jobs).toHaveLength(9);
  });

  it("does not follow a next link to another host", async () => {
    const http = fakeHttp(() => ok(pageWith(1, "https://elsewhere.example/page2")));
    await arbeitnowSource({ http, minIntervalMs: 0 }).fetch({}, silentLogger);
    expect(http.requests).toHaveLength(1);
  });
});
