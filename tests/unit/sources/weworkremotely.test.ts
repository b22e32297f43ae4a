import { describe, expect, it } from "vitest";
import { normaliseJob, type JobDraft } from "../../../src/core/job.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { GetOptions, HttpClient, HttpResult } from "../../../src/sources/http.js";
import { PayloadError } from "../../../src/sources/payload.js";
import { parseWeWorkRemotelyFeed, weWorkRemotelySource } from "../../../src/sources/weworkremotely.js";
import { recordingLogger } from "../../fakes/recording-logger.js";
import { fixture } from "../../fixtures.js";

const feed2026 = fixture("wwr-remote-jobs-2026.rss");
const feed2020 = fixture("wwr-programming-2020.rss");

async function jobsOf(xml: string): Promise<JobDraft[]> {
  return (await parseWeWorkRemotelyFeed(xml, silentLogger)).jobs;
}

function jobNamed(jobs: JobDraft[], company: string): JobDraft {
  const job = jobs.find((candidate) => candidate.company === company);
  if (!job) throw new Error(`no job from ${company}`);
  return job;
}

/** A one-channel feed around hand-written items, for the cases the captured feeds lack. */
function feedOf(...items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss"><channel><title>t</title>${items.join("")}</channel></rss>`;
}

function item({
  title = "Acme: Engineer",
  link = "https://weworkremotely.com/remote-jobs/acme-engineer",
  pubDate = "Wed, 28 Oct 2020 21:35:29 +0000",
  description = "",
} = {}): string {
  return `<item><title>${title}</title><description>${description}</description><pubDate>${pubDate}</pubDate><link>${link}</link></item>`;
}

describe("parseWeWorkRemotelyFeed on the 2026 feed (region, country, state, skills, type, expires_at, media:content)", async () => {
  const { jobs, skipped } = await parseWeWorkRemotelyFeed(feed2026, silentLogger);

  it("reads every item", () => {
    expect(skipped).toBe(0);
    expect(jobs.map((job) => job.company)).toEqual(["Summedd", "Coorbiz", "Ottimate", "Betu", "WEX"]);
  });

  it("reads every field of Summedd's Full Stack Engineer posting", () => {
    const { description, ...fields } = jobNamed(jobs, "Summedd");
    expect(fields).toEqual({
      id: "weworkremotely:summedd-full-stack-engineer-with-ai-coding-expertise-for-saas-platform",
      source: "weworkremotely",
      url: "https://weworkremotely.com/remote-jobs/summedd-full-stack-engineer-with-ai-coding-expertise-for-saas-platform",
      title: "Full Stack Engineer with AI Coding expertise for SaaS Platform",
      company: "Summedd",
      companyUrl: "http://summed.com",
      logoUrl: "https://wwr-pro.s3.amazonaws.com/logos/0171/4199/logo.gif",
      location: "Anywhere in the World, New South Wales",
      remote: true,
      category: "Full-Stack Programming",
      employmentType: "Full-Time",
      tags: [],
      postedAt: Date.UTC(2026, 1, 22, 4, 18, 34),
      expiresAt: Date.UTC(2026, 2, 24, 4, 18, 34),
    });
    expect(
      description.startsWith(
        "Headquarters: New York\n\nFull Stack Engineer\n\nWe're looking for a Full Stack Engineer",
      ),
    ).toBe(true);
  });

  it("keeps the whole posting as plain text, without the logo, the header links or the To apply line", () => {
    const { description } = jobNamed(jobs, "Summedd");
    expect(description).toContain("\n\nKey Responsibilities\n\n• Build and maintain features across the full stack");
    expect(description.endsWith("• Room to grow and take on more responsibility")).toBe(true);
    for (const job of jobs) {
      expect(job.description).not.toMatch(/<\/?[a-z]|&[a-z]+;|&#\d+;|To apply:|URL:|imgix/i);
    }
  });

  it("decodes entities once: &amp;amp; becomes & and &amp;nbsp; a plain space", () => {
    const { description } = jobNamed(jobs, "Betu");
    expect(description).toContain("• Interest in sports & igaming");
    expect(description).toContain("• Strong knowledge of HTML, CSS, JavaScript and NextJS\n");
    expect(description).not.toContain("\u00a0");
  });

  it("puts list items on their own bullet lines even when each item wraps its text in a <p>", () => {
    const { description } = jobNamed(jobs, "WEX");
    expect(description).toContain(
      "Own positioning, messaging and GTM strategy\n\n• Define and evolve messaging pillars, value propositions, and sales narratives tailored to core and emerging Payments audiences.\n• Translate technical capabilities",
    );
  });

  it("splits skills into tags on commas and the final ', and ', keeping skills that contain 'and'", () => {
    expect(jobNamed(jobs, "Betu").tags).toEqual([
      "Cross-Browser Development",
      "Version Control",
      "DevOps",
      "Cryptocurrency",
      "Cross-Selling",
    ]);
    expect(jobNamed(jobs, "Ottimate").tags).toContain("Monitoring and Analytics");
    expect(jobNamed(jobs, "Ottimate").tags?.at(-1)).toBe("Ecommerce Management");
  });

  it("takes the region as given when there is no state or country", () => {
    expect(jobNamed(jobs, "Betu").location).toBe("Denpasar");
    expect(jobNamed(jobs, "Coorbiz").location).toBe("Anywhere in the World");
  });

  it("keeps non-ASCII titles and company headquarters intact", () => {
    const coorbiz = jobNamed(jobs, "Coorbiz");
    expect(coorbiz.title).toBe("Satiş Ortaği- Jetli̇d");
    expect(coorbiz.description.startsWith("Headquarters: Istanbul, Türkiye\n\nBiz Kimiz?")).toBe(true);
  });
});

describe("parseWeWorkRemotelyFeed on the 2020 feed (no country, state, skills, type or expires_at)", async () => {
  const { jobs, skipped } = await parseWeWorkRemotelyFeed(feed2020, silentLogger);

  it("reads every item", () => {
    expect(skipped).toBe(0);
    expect(jobs.map((job) => job.id)).toEqual([
      "weworkremotely:10up-senior-ui-engineer",
      "weworkremotely:flightradar24-senior-cpp-developer",
      "weworkremotely:bbk-worldwide-software-developer",
      "weworkremotely:boatyard-senior-ruby-on-rails-engineer",
    ]);
  });

  it("reads every field of Flightradar24's Senior C++ Developer posting", () => {
    const { description, ...fields } = jobNamed(jobs, "Flightradar24");
    expect(fields).toEqual({
      id: "weworkremotely:flightradar24-senior-cpp-developer",
      source: "weworkremotely",
      url: "https://weworkremotely.com/remote-jobs/flightradar24-senior-cpp-developer",
      title: "Senior C++ Developer",
      company: "Flightradar24",
      companyUrl: "https://www.flightradar24.com/",
      logoUrl: "https://wwr-pro.s3.amazonaws.com/logos/0017/2713/logo.gif",
      location: "Europe Only",
      remote: true,
      category: "Programming",
      tags: [],
      postedAt: Date.UTC(2020, 9, 28, 20, 10, 5),
    });
    expect(description.startsWith("Headquarters: Stockholm, Sweden\n\nFlightradar24 is looking for experienced")).toBe(
      true,
    );
    expect(description).toContain("\n\nWhat you’ll do\n\n• Develop our back-end systems using modern C++ and Python");
  });

  it("accepts an item with no logo at all (10up has neither media:content nor an img)", () => {
    const tenUp = jobNamed(jobs, "10up");
    expect(tenUp).not.toHaveProperty("logoUrl");
    expect(tenUp.companyUrl).toBe("https://10up.com");
    expect(tenUp.location).toBe("Anywhere (100% Remote) Only");
  });

  it("turns <br> inside <div> markup into line breaks", () => {
    expect(jobNamed(jobs, "10up").description).toContain(
      "Be a part of something great.\n\nResponsibilities\n\n• Interpret designs",
    );
  });
});

describe("parseWeWorkRemotelyFeed on items the captured feeds lack", () => {
  it("splits the title on the first ': ' only, after decoding entities", async () => {
    const [job] = await jobsOf(feedOf(item({ title: "R&amp;D Labs: Senior Engineer: Platform &amp; Tools" })));
    expect(job).toMatchObject({ company: "R&D Labs", title: "Senior Engineer: Platform & Tools" });
  });

  it("names the company 'Unknown company' when the title has no 'Company: ' part, and keeps two such postings apart", async () => {
    const feed = feedOf(
      item({ title: "Senior Engineer", link: "https://weworkremotely.com/remote-jobs/a" }) +
        item({ title: "Senior Engineer", link: "https://weworkremotely.com/remote-jobs/b" }),
    );
    const [a, b] = (await jobsOf(feed)).map(normaliseJob);
    expect(a).toMatchObject({ company: "Unknown company", title: "Senior Engineer" });
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  it("falls back to the description's img for the logo when media:content is missing", async () => {
    const description = `&lt;img src="https://example.com/logo.png" /&gt;&lt;p&gt;Body&lt;/p&gt;`;
    const [job] = await jobsOf(feedOf(item({ description })));
    expect(job).toMatchObject({ logoUrl: "https://example.com/logo.png", description: "Body" });
  });

  it("reads a description wrapped in CDATA instead of entity-escaped", async () => {
    const [job] = await jobsOf(
      feedOf(item({ description: "<![CDATA[<p>Rust &amp; Go</p><ul><li>one</li><li>two</li></ul>]]>" })),
    );
    expect(job?.description).toBe("Rust & Go\n\n• one\n• two");
  });

  it("uses the guid when there is no link", async () => {
    const xml = feedOf(
      `<item><title>Acme: Engineer</title><pubDate>Wed, 28 Oct 2020 21:35:29 +0000</pubDate><guid>https://weworkremotely.com/remote-jobs/acme-eng</guid></item>`,
    );
    expect((await jobsOf(xml))[0]?.url).toBe("https://weworkremotely.com/remote-jobs/acme-eng");
  });
});

describe("parseWeWorkRemotelyFeed with broken items", () => {
  it("skips and logs an item without link or guid while the rest of the real feed parses", async () => {
    const broken = feed2020
      .replace("<guid>https://weworkremotely.com/remote-jobs/flightradar24-senior-cpp-developer</guid>", "")
      .replace("<link>https://weworkremotely.com/remote-jobs/flightradar24-senior-cpp-developer</link>", "");
    const log = recordingLogger();
    const { jobs, skipped } = await parseWeWorkRemotelyFeed(broken, log);
    expect(skipped).toBe(1);
    expect(jobs.map((job) => job.company)).toEqual(["10up", "BBK Worldwide", "Boatyard"]);
    expect(log.at("warn")).toEqual([
      {
        level: "warn",
        message: "skipped unparseable item",
        fields: { item: "Flightradar24: Senior C++ Developer", reason: "no usable job link (missing)" },
      },
    ]);
  });

  it("skips items without a title, with a bad date or a non-http link, naming each", async () => {
    const log = recordingLogger();
    const xml = feedOf(
      item(),
      item({ title: "" }),
      item({ title: "Acme: Late", pubDate: "sometime soon" }),
      item({ title: "Acme: Mail", link: "mailto:jobs@acme.test" }),
    );
    const { jobs, skipped } = await parseWeWorkRemotelyFeed(xml, log);
    expect(jobs).toHaveLength(1);
    expect(skipped).toBe(3);
    expect(log.at("warn").map((record) => record.fields)).toEqual([
      { item: "item 2", reason: "no title" },
      { item: "Acme: Late", reason: 'bad pubDate "sometime soon"' },
      { item: "Acme: Mail", reason: "no usable job link (mailto:jobs@acme.test)" },
    ]);
  });

  it("accepts a feed with no items", async () => {
    expect(await parseWeWorkRemotelyFeed(feedOf(), silentLogger)).toEqual({ jobs: [], skipped: 0 });
  });
});

describe("parseWeWorkRemotelyFeed on payloads that are not a feed", () => {
  const cloudflare = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><noscript>Enable JavaScript and cookies to continue</noscript><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script></body></html>`;

  it.each([
    ["the board's HTML listing page", fixture("wwr-listing-2026.html"), "not an RSS feed: got an HTML page"],
    ["a Cloudflare challenge", cloudflare, "not an RSS feed: got a Cloudflare challenge page"],
    ["an empty body", "", "not an RSS feed: empty response"],
    ["whitespace", " \n ", "not an RSS feed: empty response"],
    ["JSON", '{"jobs":[]}', "not an RSS feed: got JSON"],
    ["an Atom feed", '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "not an RSS feed: got a <feed> document"],
    ["garbage", "garbage<<>>", "not an RSS feed: got something that is not XML"],
    ["binary garbage", "garbage<<>>\u0000\u0001", "not an RSS feed: got binary data"],
  ])("throws a short reason for %s", async (_, payload, message) => {
    await expect(parseWeWorkRemotelyFeed(payload, silentLogger)).rejects.toThrow(new PayloadError(message));
  });
});

describe("weWorkRemotelySource", () => {
  /** An HttpClient that answers every request with one result and remembers what it was asked. */
  function fakeHttp(result: HttpResult): HttpClient & { requests: { url: string; options: GetOptions }[] } {
    const requests: { url: string; options: GetOptions }[] = [];
    return {
      requests,
      async get(url, options) {
        requests.push({ url, options });
        return result;
      },
    };
  }

  const url = "https://weworkremotely.com/categories/remote-devops-sysadmin-jobs.rss";

  it("is named after the feed's category", () => {
    const source = weWorkRemotelySource({ url, minIntervalMs: 0, http: fakeHttp({ status: "not-modified" }) });
    expect(source).toMatchObject({
      id: "weworkremotely:remote-devops-sysadmin-jobs",
      kind: "weworkremotely",
      label: "We Work Remotely · DevOps and Sysadmin",
    });
    expect(
      weWorkRemotelySource({ url, slug: "ops", minIntervalMs: 0, http: fakeHttp({ status: "not-modified" }) }).id,
    ).toBe("weworkremotely:ops");
  });

  it("fetches conditionally and returns parsed jobs with the new validators", async () => {
    const http = fakeHttp({
      status: "ok",
      body: feed2020,
      etag: '"v2"',
      lastModified: "Thu, 29 Oct 2020 00:00:00 GMT",
    });
    const outcome = await weWorkRemotelySource({ url, minIntervalMs: 0, http }).fetch({ etag: '"v1"' }, silentLogger);
    expect(http.requests).toEqual([
      {
        url,
        options: expect.objectContaining({ sourceId: "weworkremotely:remote-devops-sysadmin-jobs", etag: '"v1"' }),
      },
    ]);
    expect(outcome).toMatchObject({
      status: "ok",
      skipped: 0,
      etag: '"v2"',
      lastModified: "Thu, 29 Oct 2020 00:00:00 GMT",
    });
    expect(outcome).toHaveProperty("jobs", await jobsOf(feed2020));
  });

  it("passes 'not modified' through without parsing", async () => {
    const outcome = await weWorkRemotelySource({
      url,
      minIntervalMs: 0,
      http: fakeHttp({ status: "not-modified" }),
    }).fetch({ etag: '"v1"' }, silentLogger);
    expect(outcome).toEqual({ status: "not-modified" });
  });
});

describe("parseWeWorkRemotelyFeed on hostile descriptions (issue #14)", () => {
  it("reads 3 items of 64 KB of short paragraphs each in under 2 s", async () => {
    const paragraphs = `<![CDATA[${"<p>x</p>".repeat(8_500)}<img src="https://wwr.example/logo.png">]]>`;
    const items = Array.from({ length: 3 }, (_, i) =>
      item({
        title: `Acme: Engineer ${i}`,
        link: `https://weworkremotely.com/remote-jobs/e-${i}`,
        description: paragraphs,
      }),
    );
    const start = performance.now();
    const { jobs } = await parseWeWorkRemotelyFeed(feedOf(...items), silentLogger);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(jobs).toHaveLength(3);
    expect(jobs[0]?.description).toMatch(/^x\n\nx\n\n/);
  });
});
