import { describe, expect, it } from "vitest";
import type { JobDraft } from "../../../src/core/job.js";
import { silentLogger } from "../../../src/core/logger.js";
import { PayloadError } from "../../../src/sources/payload.js";
import { parseRemotive, remotiveSource } from "../../../src/sources/remotive.js";
import { fakeHttp, ok } from "../../fakes/fake-http.js";
import { fixture } from "../../fixtures.js";

const payload = fixture("remotive-api-2025.json");
const envelope = JSON.parse(payload) as { jobs: Record<string, unknown>[] };

function job(jobs: JobDraft[], title: string): JobDraft {
  const found = jobs.find((candidate) => candidate.title === title);
  if (!found) throw new Error(`no job ${title}`);
  return found;
}

describe("parseRemotive on the 2025 API response", async () => {
  const { jobs, skipped } = await parseRemotive(payload, silentLogger);

  it("reads all 20 jobs of the envelope", () => {
    expect(skipped).toBe(0);
    expect(jobs).toHaveLength(20);
  });

  it("reads every field of Mitre Media's Tech Lead Full-Stack Rails Engineer posting", () => {
    const { description, tags, ...fields } = job(jobs, "Tech Lead Full-Stack Rails Engineer");
    expect(fields).toEqual({
      id: "remotive:2069746",
      source: "remotive",
      url: "https://remotive.com/remote-jobs/software-development/tech-lead-full-stack-rails-engineer-2069746",
      title: "Tech Lead Full-Stack Rails Engineer",
      company: "Mitre Media",
      location: "USA, Canada, USA timezones",
      remote: true,
      category: "Software Development",
      employmentType: "Full-time",
      // publication_date "2025-12-14T20:45:43" has no zone: it is UTC.
      postedAt: Date.UTC(2025, 11, 14, 20, 45, 43),
      salary: { min: 170000, max: 200000, currency: "USD", period: "year" },
      logoUrl: "https://remotive.com/job/2069746/logo",
    });
    expect(tags).toEqual(expect.arrayContaining(["ruby/rails", "postgresql", "AI/ML"]));
    expect(description.startsWith("About Mitre Media")).toBe(true);
    expect(description).not.toMatch(/<|blank\.gif/);
  });

  it("reads the salary text, whatever its shape", () => {
    expect(job(jobs, "Customer Service Rep in a Contractor Role / Pick Your Hours / Weekly Pay").salary).toEqual({
      max: 19,
      currency: "USD",
      period: "hour",
    });
    expect(job(jobs, "🇩🇪 CEO (m/w/d) Re-Think Hospitality").salary).toEqual({
      min: 80000,
      max: 110000,
      currency: "EUR",
      period: "year",
    });
    expect(job(jobs, "Office Assistant").salary).toEqual({ min: 31200, max: 52000, currency: "USD", period: "year" });
    expect(job(jobs, "Freelance Writer").salary).toEqual({ min: 50, max: 75, currency: "USD", period: "hour" });
    expect(job(jobs, "Senior Full-stack Developer")).not.toHaveProperty("salary");
  });

  it("names the job types as people write them", () => {
    expect(new Set(jobs.map((j) => j.employmentType))).toEqual(
      new Set(["Full-time", "Contract", "Freelance", "Internship", "Part-time"]),
    );
  });
});

describe("parseRemotive on format drift", () => {
  it("reads a response that starts with a byte order mark", async () => {
    expect((await parseRemotive(`\uFEFF${payload}`, silentLogger)).jobs).toHaveLength(20);
  });

  it("reads a publication date with a zone as given", async () => {
    const item = { ...envelope.jobs[0], publication_date: "2025-12-14T20:45:43+01:00" };
    expect((await parseRemotive(JSON.stringify({ jobs: [item] }), silentLogger)).jobs[0]?.postedAt).toBe(
      Date.UTC(2025, 11, 14, 19, 45, 43),
    );
  });
});

describe("parseRemotive on malformed payloads", () => {
  it.each([
    [
      "an envelope without jobs",
      '{"00-warning":"moved"}',
      'not the Remotive job list: an object without a "jobs" list',
    ],
    [
      "a Cloudflare challenge",
      "<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>",
      "not JSON: got a Cloudflare challenge page",
    ],
    ["an empty body", "", "not JSON: empty response"],
  ])("fails with a short reason on %s", async (_, body, message) => {
    await expect(parseRemotive(body, silentLogger)).rejects.toThrow(new PayloadError(message));
  });

  it("fails when the format changed so that no job can be read", async () => {
    const changed = JSON.stringify({
      jobs: envelope.jobs.map(({ title: _title, ...rest }) => ({ ...rest, name: "renamed" })),
    });
    const source = remotiveSource({ http: fakeHttp(() => ok(changed)), minIntervalMs: 0 });
    await expect(source.fetch({}, silentLogger)).rejects.toThrow(
      "none of the 20 items could be read (has the format changed?)",
    );
  });
});
