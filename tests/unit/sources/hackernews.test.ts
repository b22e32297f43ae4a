import { describe, expect, it } from "vitest";
import type { JobDraft } from "../../../src/core/job.js";
import { silentLogger } from "../../../src/core/logger.js";
import { hackerNewsSource, parseHnThread, parseThreadSearch, pickThread } from "../../../src/sources/hackernews.js";
import { parseFirstLine } from "../../../src/sources/hn-post.js";
import { PayloadError } from "../../../src/sources/payload.js";
import { fixedClock } from "../../fakes/clock.js";
import { fakeHttp, ok } from "../../fakes/fake-http.js";
import { fixture } from "../../fixtures.js";

const search = fixture("hn-algolia-search-whoishiring-2023.json");
const thread = fixture("hn-algolia-item-2011-04.json");
const tree = JSON.parse(thread) as { children: Record<string, unknown>[] };

function post(id: number, text: string | null, extra: Record<string, unknown> = {}) {
  return {
    id,
    created_at: "2023-09-01T15:10:00.000Z",
    created_at_i: 1693581000,
    type: "comment",
    author: text === null ? null : "someone",
    text,
    parent_id: 37351667,
    children: [],
    ...extra,
  };
}
const threadOf = (...posts: unknown[]) =>
  JSON.stringify({ id: 37351667, title: "Ask HN: Who is hiring? (September 2023)", children: posts });

describe("finding the month's thread", () => {
  const threads = parseThreadSearch(search);

  it("lists the Who is hiring? threads newest first, with the month each is for", () => {
    expect(threads).toHaveLength(20);
    expect(threads[0]).toEqual({
      id: "37351667",
      title: "Ask HN: Who is hiring? (September 2023)",
      month: 8,
      year: 2023,
    });
    expect(threads[19]).toMatchObject({ id: "30164271", month: 1, year: 2022 });
  });

  it("picks this month's thread", () => {
    expect(pickThread(threads, Date.UTC(2023, 8, 20)).id).toBe("37351667");
  });

  it("keeps last month's thread in the first days of a month, before the new one is posted", () => {
    expect(pickThread(threads, Date.UTC(2023, 9, 2, 9)).id).toBe("37351667");
  });

  it("fails, naming the month, when the newest thread is older than that", () => {
    expect(() => pickThread(threads, Date.UTC(2023, 11, 5))).toThrow(
      new PayloadError("no “Who is hiring?” thread for December 2023: the newest found is September 2023"),
    );
  });

  it("leaves out the same author's other threads, whatever the title's case", () => {
    const body = JSON.stringify({
      hits: [
        { objectID: "3", title: "Ask HN: Who wants to be hired? (October 2023)", created_at_i: 1696172400 },
        { objectID: "2", title: "Ask HN: Freelancer? Seeking freelancer? (October 2023)", created_at_i: 1696172401 },
        { objectID: "1", title: "Ask HN: Who is Hiring? (October 2023)", created_at_i: 1696172399 },
      ],
    });
    expect(parseThreadSearch(body).map((t) => t.id)).toEqual(["1"]);
  });

  it("fails on a search past the last page (no hits)", () => {
    expect(() =>
      pickThread(parseThreadSearch(fixture("hn-algolia-search-empty-page.json")), Date.UTC(2023, 8, 20)),
    ).toThrow("no “Who is hiring?” thread in the search results");
  });
});

describe("parseHnThread on the April 2011 thread", async () => {
  const { jobs, skipped } = await parseHnThread(thread, silentLogger);
  const byId = (id: number) => jobs.find((j) => j.id === `hackernews:${id}`) as JobDraft;

  it("makes a job of every top-level post, linked to its Hacker News page", () => {
    expect(skipped).toBe(0);
    expect(jobs).toHaveLength(tree.children.length);
    expect(byId(2396109)).toMatchObject({
      source: "hackernews",
      url: "https://news.ycombinator.com/item?id=2396109",
      title: "Montreal - PHP/MySQL Developer",
      postedAt: Date.UTC(2011, 3, 1, 13, 35, 50),
      remote: false,
    });
    expect(byId(2396109).description).toContain("Adult company, many positions available.");
  });

  it("takes a bare place on the first line as the location, and the line naming a role as the title", () => {
    expect(byId(2396774)).toMatchObject({
      location: "San Francisco, CA",
      title: expect.stringMatching(/^Heroku is hiring for engineering \(Ruby and Erlang\)/),
    });
  });

  it("marks a post remote when its opening says so, and not when it says no remote", () => {
    expect(byId(2396194)).toMatchObject({ remote: true, location: "Boston, MA and remote" });
    expect(byId(2396176)).toMatchObject({ remote: true, title: "Vienna, Austria or Remote: Performance Engineer" });
    expect(byId(2396439)).toMatchObject({ remote: false, location: "Bangalore, India (Sorry, no remote)." });
  });

  it("reads the literal \\n the 2011 items carry as line breaks", () => {
    expect(byId(2396235).title).toBe("Austin, TX - Ruby Programmer");
    for (const job of jobs) expect(`${job.title}${job.description}`).not.toContain("\\n");
  });
});

describe("parseHnThread on today's conventions", () => {
  it("reads the Company | Role | Location | REMOTE | Salary first line", async () => {
    const text =
      "Acme Robotics | Senior Rust Engineer | Berlin, Germany | REMOTE (EU) | €90k-€120k | Full-time | https://acme.example<p>We build robots.</p>";
    const [job] = (await parseHnThread(threadOf(post(1, text)), silentLogger)).jobs;
    expect(job).toMatchObject({
      id: "hackernews:1",
      company: "Acme Robotics",
      title: "Senior Rust Engineer",
      location: "Berlin, Germany",
      remote: true,
      salary: { min: 90000, max: 120000, currency: "EUR", period: "year" },
      employmentType: "Full-time",
      companyUrl: "https://acme.example",
    });
    expect(job?.description).toBe(
      "Acme Robotics | Senior Rust Engineer | Berlin, Germany | REMOTE (EU) | €90k-€120k | Full-time | https://acme.example\n\nWe build robots.",
    );
  });

  it("finds the role wherever it sits, and treats ONSITE as not remote", () => {
    expect(
      parseFirstLine("Foo Inc | San Francisco | Founding Backend Engineer | ONSITE | $180k-$220k + equity"),
    ).toMatchObject({
      company: "Foo Inc",
      title: "Founding Backend Engineer",
      location: "San Francisco",
      remote: false,
      salary: { min: 180000, max: 220000, currency: "USD", period: "year" },
    });
  });

  it("skips deleted posts (null text) without counting them as failures", async () => {
    const { jobs, skipped } = await parseHnThread(
      threadOf(post(1, null, { deleted: true }), post(2, "Acme | Engineer | Remote"), post(3, "")),
      silentLogger,
    );
    expect(jobs.map((j) => j.id)).toEqual(["hackernews:2"]);
    expect(skipped).toBe(0);
  });

  it("fails on a payload that is not a thread", async () => {
    await expect(parseHnThread('{"hits":[]}', silentLogger)).rejects.toThrow(
      new PayloadError('not a Hacker News thread: an object without a "children" list'),
    );
  });
});

describe("hackerNewsSource", () => {
  const base = "http://127.0.0.1:9/hn/api/v1";
  const http = fakeHttp((url) =>
    ok(url.includes("search_by_date") ? search : threadOf(post(1, "Acme | Engineer | Remote"))),
  );

  it("finds the thread for the clock's month, then reads it whole", async () => {
    const source = hackerNewsSource({ url: base, http, clock: fixedClock(Date.UTC(2023, 8, 15)), minIntervalMs: 0 });
    const outcome = await source.fetch({}, silentLogger);
    expect(outcome).toMatchObject({ status: "ok", jobs: [expect.objectContaining({ id: "hackernews:1" })] });
    expect(http.requests.map((r) => r.url)).toEqual([
      `${base}/search_by_date?tags=story,author_whoishiring&hitsPerPage=30`,
      `${base}/items/37351667`,
    ]);
    expect(http.requests[1]?.options.maxBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  it("fails without reading any thread when the clock's month has none", async () => {
    const quiet = fakeHttp(() => ok(search));
    const source = hackerNewsSource({ http: quiet, clock: fixedClock(Date.UTC(2026, 0, 10)), minIntervalMs: 0 });
    await expect(source.fetch({}, silentLogger)).rejects.toThrow("no “Who is hiring?” thread for January 2026");
    expect(quiet.requests).toHaveLength(1);
    expect(source).toMatchObject({ id: "hackernews", host: "hn.algolia.com" });
  });
});
