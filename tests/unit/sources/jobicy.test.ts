import { describe, expect, it } from "vitest";
import type { JobDraft } from "../../../src/core/job.js";
import { silentLogger } from "../../../src/core/logger.js";
import { jobicySource, parseJobicy } from "../../../src/sources/jobicy.js";
import { PayloadError } from "../../../src/sources/payload.js";
import { fakeHttp, ok } from "../../fakes/fake-http.js";
import { fixture } from "../../fixtures.js";

const payload2024 = fixture("jobicy-api-2024.json");
const payload2026 = fixture("jobicy-jobs-only-2026.json");

function job(jobs: JobDraft[], id: string): JobDraft {
  const found = jobs.find((candidate) => candidate.id === `jobicy:${id}`);
  if (!found) throw new Error(`no job ${id}`);
  return found;
}

describe("parseJobicy on the 2024 response (envelope, annualSalaryMin, zoneless dates)", async () => {
  const { jobs, skipped } = await parseJobicy(payload2024, silentLogger);

  it("reads all 20 jobs", () => {
    expect(skipped).toBe(0);
    expect(jobs).toHaveLength(20);
  });

  it("reads every field of Deepgram's Research Scientist posting", () => {
    const { description, ...fields } = job(jobs, "74847");
    expect(fields).toEqual({
      id: "jobicy:74847",
      source: "jobicy",
      url: expect.stringMatching(/^https:\/\/jobicy\.com\/jobs\/74847-/),
      title: "Research Scientist (Voice AI Foundations)",
      company: "Deepgram",
      location: "USA",
      remote: true,
      tags: ["Data Science"],
      category: "Data Science",
      employmentType: "Full-time",
      // "2024-12-07 04:03:02" carries no zone: read as UTC.
      postedAt: Date.UTC(2024, 11, 7, 4, 3, 2),
      // Salaries arrive as strings ("150000").
      salary: { min: 150000, max: 220000, currency: "USD", period: "year" },
      logoUrl: expect.stringMatching(/^https:\/\/jobicy\.com\//),
    });
    expect(description.length).toBeGreaterThan(200);
  });

  it("decodes entities in industries and keeps the level as a tag", () => {
    expect(job(jobs, "111985")).toMatchObject({
      category: "DevOps & SysAdmin",
      tags: ["DevOps & SysAdmin", "Senior"],
      employmentType: "Contract",
    });
  });

  it("collapses the double spaces of multi-country locations", () => {
    expect(job(jobs, "109041").location).toBe("Poland, Portugal, Romania, Spain");
  });
});

describe("parseJobicy on the 2026 format (bare array, ISO dates)", async () => {
  const { jobs } = await parseJobicy(payload2026, silentLogger);

  it("reads the three jobs with their ISO-8601 dates", () => {
    expect(jobs.map((j) => [j.id, j.company, j.location, j.postedAt])).toEqual([
      ["jobicy:139808", "Akamai Technologies", "Denmark", Date.UTC(2026, 1, 23, 15, 17, 26)],
      ["jobicy:139807", "Catawiki", "Portugal", Date.UTC(2026, 1, 23, 15, 17, 24)],
      ["jobicy:139806", "Agilent Technologies", "UK", Date.UTC(2026, 1, 23, 15, 17, 21)],
    ]);
    expect(job(jobs, "139807")).toMatchObject({
      title: "Tech Recruiter",
      category: "HR & Recruiting",
      employmentType: "Full-time",
      tags: ["HR & Recruiting", "Midweight"],
    });
  });

  it("reads the newer salaryMin/salaryMax/salaryPeriod fields", async () => {
    const [first] = JSON.parse(payload2026) as Record<string, unknown>[];
    const [parsed] = (
      await parseJobicy(
        JSON.stringify([
          { ...first, salaryMin: 4000, salaryMax: "5000", salaryCurrency: "eur", salaryPeriod: "monthly" },
        ]),
        silentLogger,
      )
    ).jobs;
    expect(parsed?.salary).toEqual({ min: 4000, max: 5000, currency: "EUR", period: "month" });
  });
});

describe("jobicy on malformed payloads", () => {
  it("fails with a short reason on an object without jobs", async () => {
    await expect(parseJobicy('{"apiVersion":"2.0","success":false}', silentLogger)).rejects.toThrow(
      new PayloadError('not the Jobicy job list: an object without a "jobs" list'),
    );
  });

  it("fails on an empty list, which Jobicy never serves", async () => {
    const source = jobicySource({ http: fakeHttp(() => ok('{"jobs":[]}')), minIntervalMs: 0 });
    await expect(source.fetch({}, silentLogger)).rejects.toThrow("the board listed no jobs at all");
  });
});
