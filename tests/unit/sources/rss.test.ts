import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.js";
import { PayloadError } from "../../../src/sources/payload.js";
import { parseFeed, rssSource } from "../../../src/sources/rss.js";
import { fakeHttp, ok } from "../../fakes/fake-http.js";
import { fixture } from "../../fixtures.js";

describe("parseFeed on RSS 2.0 (a We Work Remotely feed)", async () => {
  const { jobs, skipped } = await parseFeed(fixture("wwr-remote-jobs-2026.rss"), silentLogger);

  it("makes a job of every item, linked to its page, with its categories as tags", () => {
    expect(skipped).toBe(0);
    expect(jobs).toHaveLength(5);
    expect(jobs[0]).toMatchObject({
      id: "rss:https://weworkremotely.com/remote-jobs/summedd-full-stack-engineer-with-ai-coding-expertise-for-saas-platform",
      source: "rss",
      url: "https://weworkremotely.com/remote-jobs/summedd-full-stack-engineer-with-ai-coding-expertise-for-saas-platform",
      title: "Summedd: Full Stack Engineer with AI Coding expertise for SaaS Platform",
      company: "",
      tags: ["Full-Stack Programming"],
      postedAt: Date.UTC(2026, 1, 22, 4, 18, 34),
    });
    expect(jobs[0]?.description).toContain("We're looking for a Full Stack Engineer");
    for (const job of jobs) expect(job.description).not.toMatch(/<\/?[a-z]|&[a-z]+;/i);
  });
});

describe("parseFeed on Atom (RFC 4287's example)", () => {
  it("reads the entry's alternate link, published date and XHTML content", async () => {
    const { jobs } = await parseFeed(fixture("atom-rfc4287-example.atom"), silentLogger);
    expect(jobs).toEqual([
      {
        id: "rss:tag:example.org,2003:3.2397",
        source: "rss",
        url: "http://example.org/2005/04/02/atom",
        title: "Atom draft-07 snapshot",
        company: "",
        remote: false,
        tags: [],
        postedAt: Date.parse("2003-12-13T12:29:29Z"),
        description: "[Update: The Atom draft is finished.]",
      },
    ]);
  });

  it("reads escaped HTML summaries and marks remote jobs by their title or categories", async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Backend developer</title><link href="https://jobs.example/1"/><id>urn:1</id><updated>2026-01-01T00:00:00Z</updated><category term="Remote"/><summary type="html">&lt;p&gt;Go &amp;amp; Postgres&lt;/p&gt;</summary></entry></feed>`;
    expect((await parseFeed(atom, silentLogger)).jobs[0]).toMatchObject({
      url: "https://jobs.example/1",
      remote: true,
      tags: ["Remote"],
      description: "Go & Postgres",
    });
  });

  it("qualifies a bare guid with the job's site, so two feeds numbering their items cannot collide", async () => {
    const feed = (site: string) =>
      `<rss version="2.0"><channel><item><title>Engineer</title><link>https://${site}/jobs/7</link><guid isPermaLink="false">7</guid><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>`;
    const ids = await Promise.all(
      ["a.example", "b.example"].map(async (site) => (await parseFeed(feed(site), silentLogger)).jobs[0]?.id),
    );
    expect(ids).toEqual(["rss:a.example:7", "rss:b.example:7"]);
  });
});

describe("rss on malformed payloads", () => {
  it.each([
    ["an HTML page", "<!DOCTYPE html><html><body>hi</body></html>", "not an RSS or Atom feed: got an HTML page"],
    ["JSON", '{"jobs":[]}', "not an RSS or Atom feed: got JSON"],
    ["nothing", "", "not an RSS or Atom feed: empty response"],
  ])("fails with a short reason on %s", async (_, body, message) => {
    await expect(parseFeed(body, silentLogger)).rejects.toThrow(new PayloadError(message));
  });

  it("accepts an empty feed: a small board may have no openings", async () => {
    const source = rssSource({
      url: "https://jobs.example/feed.xml",
      http: fakeHttp(() => ok('<rss version="2.0"><channel><title>t</title></channel></rss>')),
      minIntervalMs: 0,
    });
    expect(await source.fetch({}, silentLogger)).toMatchObject({ status: "ok", jobs: [] });
    expect(source).toMatchObject({ id: "rss:jobs.example/feed.xml", label: "Feed · jobs.example/feed.xml" });
  });
});
