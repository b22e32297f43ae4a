import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.js";
import { ashbySource, parseAshby } from "../../../src/sources/ashby.js";
import { greenhouseSource, parseGreenhouse } from "../../../src/sources/greenhouse.js";
import { leverSource, parseLever } from "../../../src/sources/lever.js";
import { PayloadError } from "../../../src/sources/payload.js";
import { fakeHttp, ok } from "../../fakes/fake-http.js";
import { fixture } from "../../fixtures.js";

describe("Greenhouse", () => {
  it("reads GitLab's AI Engineer posting, its escaped HTML decoded once", async () => {
    const { jobs, skipped } = await parseGreenhouse(fixture("greenhouse-gitlab-2026.json"), "Gitlab", silentLogger);
    expect(skipped).toBe(0);
    const { description, ...fields } = jobs[0]!;
    expect(fields).toEqual({
      id: "greenhouse:8556658002",
      source: "greenhouse",
      url: "https://job-boards.greenhouse.io/gitlab/jobs/8556658002",
      title: "AI Engineer",
      company: "GitLab",
      location: "Remote, Bangalore",
      remote: true,
      tags: [],
      postedAt: Date.parse("2026-05-22T13:16:29Z"),
    });
    expect(description).toMatch(/^GitLab is the intelligent orchestration platform for DevSecOps\./);
    expect(description).not.toMatch(/<|&lt;|&quot;/);
  });

  it("reads the documentation's older shape: updated_at, departments, no company name, content escaped twice", async () => {
    const [job] = (await parseGreenhouse(fixture("greenhouse-docs-example.json"), "Vaulttec", silentLogger)).jobs;
    expect(job).toMatchObject({
      id: "greenhouse:127817",
      title: "Vault Designer",
      company: "Vaulttec",
      location: "NYC",
      remote: false,
      category: "Department of Departments",
      postedAt: Date.parse("2016-01-14T15:55:28Z"),
      description:
        "This is the job description.\n\nAny HTML included through the hosted job application editor will be automatically converted into corresponding HTML entities.",
    });
  });

  it("takes remoteness and employment type from exposed custom fields", async () => {
    const board = JSON.parse(fixture("greenhouse-gitlab-2026.json")) as { jobs: Record<string, unknown>[] };
    const item = {
      ...board.jobs[0],
      location: { name: "Canada" },
      metadata: [
        { id: 1, name: "Workplace Type", value: "Remote" },
        { id: 2, name: "Employment Type", value: "Full-time" },
      ],
    };
    expect((await parseGreenhouse(JSON.stringify({ jobs: [item] }), "Gitlab", silentLogger)).jobs[0]).toMatchObject({
      remote: true,
      employmentType: "Full-time",
    });
  });

  it("fetches the board named in SOURCES, with content", async () => {
    const http = fakeHttp(() => ok('{"jobs":[],"meta":{"total":0}}'));
    const source = greenhouseSource({ board: "gitlab", http, minIntervalMs: 0 });
    expect(await source.fetch({}, silentLogger)).toMatchObject({ status: "ok", jobs: [] });
    expect(http.requests[0]?.url).toBe("https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true");
    expect(source).toMatchObject({
      id: "greenhouse:gitlab",
      label: "Greenhouse · Gitlab",
      host: "boards-api.greenhouse.io",
    });
  });

  it("fails on a payload that is not a board", async () => {
    await expect(parseGreenhouse('{"status":404,"error":"Job not found"}', "X", silentLogger)).rejects.toThrow(
      new PayloadError('not a Greenhouse job board: an object without a "jobs" list'),
    );
  });
});

describe("Lever", () => {
  it("reads Zoox's posting: lists under their headings, structured salary, hybrid is not remote", async () => {
    const { jobs } = await parseLever(fixture("lever-zoox-2026.json"), "Zoox", silentLogger);
    const { description, ...fields } = jobs[0]!;
    expect(fields).toEqual({
      id: "lever:f4746da4-8eb8-43e2-b7ce-bf3c7cf9640d",
      source: "lever",
      url: "https://jobs.lever.co/zoox/f4746da4-8eb8-43e2-b7ce-bf3c7cf9640d",
      title: "Autonomy System Test Engineer",
      company: "Zoox",
      location: "Foster City, CA",
      remote: false,
      tags: ["hybrid"],
      category: "Software Platforms and Product",
      employmentType: "Full-time",
      salary: { min: 144000, max: 193000, currency: "USD", period: "year" },
      postedAt: 1777936261125,
    });
    expect(description).toBe(
      "Autonomous vehicles have some of the largest, most complex software ever shipped in a safety-critical environment.\n\nIn this role, you will:\n• Create test strategies and test plans for Zoox’s self-driving behavior features.\n\nAbout Zoox\nZoox is developing the first ground-up, fully autonomous vehicle fleet.",
    );
  });

  it("reads an hourly wage and a remote workplace", async () => {
    const [posting] = JSON.parse(fixture("lever-zoox-2026.json")) as Record<string, unknown>[];
    const drifted = {
      ...posting,
      workplaceType: "remote",
      salaryRange: { currency: "usd", interval: "per-hour-wage", min: "45", max: 60 },
    };
    expect((await parseLever(JSON.stringify([drifted]), "Zoox", silentLogger)).jobs[0]).toMatchObject({
      remote: true,
      salary: { min: 45, max: 60, currency: "USD", period: "hour" },
    });
  });

  it("says what Lever answered for an unknown company", async () => {
    await expect(parseLever('{"ok":false,"error":"Document not found"}', "Nope", silentLogger)).rejects.toThrow(
      new PayloadError("Lever says: Document not found"),
    );
  });

  it("fetches the company's postings as JSON", async () => {
    const http = fakeHttp(() => ok("[]"));
    const source = leverSource({ board: "zoox", http, minIntervalMs: 0 });
    await source.fetch({}, silentLogger);
    expect(http.requests[0]?.url).toBe("https://api.lever.co/v0/postings/zoox?mode=json");
    expect(source).toMatchObject({ id: "lever:zoox", label: "Lever · Zoox" });
  });
});

describe("Ashby", () => {
  it("reads the listed posting with its salary component, and leaves the unlisted one out", async () => {
    const { jobs, skipped } = await parseAshby(fixture("ashby-2026.json"), "Ashby", silentLogger);
    expect(skipped).toBe(0);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toEqual({
      id: "ashby:7458d4e9-da2e-47bd-98cb-adfda43d42b2",
      source: "ashby",
      url: "https://jobs.ashbyhq.com/ashby/7458d4e9-da2e-47bd-98cb-adfda43d42b2",
      title: "Engineering Manager - EU",
      company: "Ashby",
      location: "Remote - European Union",
      remote: true,
      tags: ["remote"],
      postedAt: Date.parse("2026-07-24T10:49:09.045Z"),
      description: "How do you feel about software engineers writing product specs, making product decisions?",
      salary: { min: 110000, max: 185000, currency: "EUR", period: "year" },
    });
  });

  it("reads the documented fields the capture lacks: department, team, employment type, secondary locations, HTML-only text", async () => {
    const board = JSON.parse(fixture("ashby-2026.json")) as { jobs: Record<string, unknown>[] };
    const drifted = {
      ...board.jobs[0],
      descriptionPlain: undefined,
      descriptionHtml: "<p>Join our team</p>",
      department: "Product",
      team: "Growth",
      employmentType: "FullTime",
      secondaryLocations: [{ location: "San Francisco" }],
    };
    expect((await parseAshby(JSON.stringify({ jobs: [drifted] }), "Ashby", silentLogger)).jobs[0]).toMatchObject({
      category: "Product",
      tags: ["Growth", "remote"],
      employmentType: "Full-time",
      location: "Remote - European Union; San Francisco",
      description: "Join our team",
    });
  });

  it.each([
    ["a list instead of the board", "[]", 'not an Ashby job board: a list without a "jobs" list'],
    ["an HTML error page", "<html><body>Not Found</body></html>", "not JSON: got an HTML page"],
  ])("fails with a short reason on %s", async (_, body, message) => {
    await expect(parseAshby(body, "Ashby", silentLogger)).rejects.toThrow(new PayloadError(message));
  });

  it("fetches the board with compensation", async () => {
    const http = fakeHttp(() => ok('{"apiVersion":"1","jobs":[]}'));
    await ashbySource({ board: "ashby", http, minIntervalMs: 0 }).fetch({}, silentLogger);
    expect(http.requests[0]?.url).toBe("https://api.ashbyhq.com/posting-api/job-board/ashby?includeCompensation=true");
  });
});
