import { describe, expect, it } from "vitest";
import type { HttpClient } from "../../../src/sources/http.js";
import { fixedClock } from "../../fakes/clock.js";
import { createSources, DEFAULT_SOURCES, parseSourceSpec, SourceSpecError } from "../../../src/sources/registry.js";

/** Creating sources never fetches; an HttpClient that refuses makes sure of it. */
const clock = fixedClock();
const http: HttpClient = {
  get: () => Promise.reject(new Error("no network in this test")),
};

const feed = "https://weworkremotely.com/categories/remote-design-jobs.rss";
const KNOWN =
  "weworkremotely, remoteok, remotive, hackernews, himalayas, jobicy, arbeitnow, greenhouse, lever, ashby, rss";

describe("parseSourceSpec", () => {
  it.each([
    ["weworkremotely", [{ kind: "weworkremotely" }]],
    [`weworkremotely=${feed}`, [{ kind: "weworkremotely", arg: feed }]],
    [
      ` weworkremotely , weworkremotely = ${feed} `,
      [{ kind: "weworkremotely" }, { kind: "weworkremotely", arg: feed }],
    ],
    ["WeWorkRemotely", [{ kind: "weworkremotely" }]],
    [",, weworkremotely ,", [{ kind: "weworkremotely" }]],
    ["", []],
    [
      "weworkremotely=http://127.0.0.1:8080/feed.rss?a=b&c=d",
      [{ kind: "weworkremotely", arg: "http://127.0.0.1:8080/feed.rss?a=b&c=d" }],
    ],
  ])("reads %j", (spec, expected) => {
    expect(parseSourceSpec(spec)).toEqual(expected);
  });

  it("keeps a repeated entry once", () => {
    expect(parseSourceSpec(`weworkremotely,weworkremotely, weworkremotely=${feed},weworkremotely=${feed}`)).toEqual([
      { kind: "weworkremotely" },
      { kind: "weworkremotely", arg: feed },
    ]);
  });

  it.each([
    ["foo", `unknown source kind "foo" (known: ${KNOWN})`],
    ["weworkremotely,monster", `unknown source kind "monster" (known: ${KNOWN})`],
    ["weworkremotely=not a url", "weworkremotely=not a url needs an http(s) URL"],
    [
      "weworkremotely=ftp://weworkremotely.com/x.rss",
      "weworkremotely=ftp://weworkremotely.com/x.rss needs an http(s) URL",
    ],
    ["weworkremotely=", "weworkremotely= needs an http(s) URL"],
  ])("refuses %j with a message saying what is wrong", (spec, message) => {
    expect(() => parseSourceSpec(spec)).toThrow(new SourceSpecError(message));
  });
});

describe("createSources", () => {
  it("watches the four We Work Remotely programming categories by default", () => {
    const sources = createSources(parseSourceSpec(DEFAULT_SOURCES), { http, clock });
    expect(sources.map(({ id, kind, label }) => ({ id, kind, label }))).toEqual([
      {
        id: "weworkremotely:remote-back-end-programming-jobs",
        kind: "weworkremotely",
        label: "We Work Remotely · Back-End Programming",
      },
      {
        id: "weworkremotely:remote-front-end-programming-jobs",
        kind: "weworkremotely",
        label: "We Work Remotely · Front-End Programming",
      },
      {
        id: "weworkremotely:remote-full-stack-programming-jobs",
        kind: "weworkremotely",
        label: "We Work Remotely · Full-Stack Programming",
      },
      {
        id: "weworkremotely:remote-devops-sysadmin-jobs",
        kind: "weworkremotely",
        label: "We Work Remotely · DevOps and Sysadmin",
      },
    ]);
  });

  it("watches exactly the feed a kind=URL entry names", () => {
    const [source, ...others] = createSources(parseSourceSpec(`weworkremotely=${feed}`), { http, clock });
    expect(others).toEqual([]);
    expect(source).toMatchObject({ id: "weworkremotely:remote-design-jobs", label: "We Work Remotely · Design" });
  });

  it("watches a feed reached through two entries once", () => {
    const backEnd = "https://weworkremotely.com/categories/remote-back-end-programming-jobs.rss";
    expect(createSources(parseSourceSpec(`weworkremotely,weworkremotely=${backEnd}`), { http, clock })).toHaveLength(4);
  });

  it("watches an endpoint once however many slashes end its URL", () => {
    expect(
      createSources(parseSourceSpec("remoteok,remoteok=https://remoteok.com/api/"), { http, clock }).map(
        (source) => source.id,
      ),
    ).toEqual(["remoteok"]);
  });

  it("watches two mirrors' feeds of one file name as two sources", () => {
    const spec =
      "weworkremotely=http://127.0.0.1:8001/remote-jobs.rss,weworkremotely=http://mirror.example/feeds/remote-jobs.rss";
    expect(createSources(parseSourceSpec(spec), { http, clock }).map((source) => source.id)).toEqual([
      "weworkremotely:127.0.0.1:8001/remote-jobs",
      "weworkremotely:mirror.example/remote-jobs",
    ]);
  });

  it("refuses a kind it does not know, even in hand-built specs", () => {
    expect(() => createSources([{ kind: "monster" }], { http, clock })).toThrow(SourceSpecError);
  });
});

describe("every kind", () => {
  const summary = (spec: string) =>
    createSources(parseSourceSpec(spec), { http, clock }).map(({ id, kind, host, minIntervalMs }) => ({
      id,
      kind,
      host,
      floorMinutes: minIntervalMs / 60_000,
    }));

  it("watches the seven public boards of the acceptance list, each with its host's politeness floor", () => {
    expect(summary("weworkremotely,remoteok,remotive,hackernews,himalayas,jobicy,arbeitnow")).toEqual([
      ...["back-end-programming", "front-end-programming", "full-stack-programming", "devops-sysadmin"].map((slug) => ({
        id: `weworkremotely:remote-${slug}-jobs`,
        kind: "weworkremotely",
        host: "weworkremotely.com",
        floorMinutes: 5,
      })),
      { id: "remoteok", kind: "remoteok", host: "remoteok.com", floorMinutes: 5 },
      { id: "remotive", kind: "remotive", host: "remotive.com", floorMinutes: 6 * 60 },
      { id: "hackernews", kind: "hackernews", host: "hn.algolia.com", floorMinutes: 15 },
      { id: "himalayas", kind: "himalayas", host: "himalayas.app", floorMinutes: 5 },
      { id: "jobicy", kind: "jobicy", host: "jobicy.com", floorMinutes: 60 },
      { id: "arbeitnow", kind: "arbeitnow", host: "www.arbeitnow.com", floorMinutes: 5 },
    ]);
  });

  it("fetches a kind=URL entry on another host on the schedule, without the public host's floor", () => {
    const local = "http://127.0.0.1:8080";
    const spec = ["remoteok", "remotive", "hackernews", "himalayas", "jobicy", "arbeitnow", "weworkremotely"]
      .map((kind) => `${kind}=${local}/${kind}`)
      .join(",");
    const sources = summary(spec);
    expect(sources.map((s) => [s.kind, s.host, s.floorMinutes])).toEqual(
      ["remoteok", "remotive", "hackernews", "himalayas", "jobicy", "arbeitnow", "weworkremotely"].map((kind) => [
        kind,
        "127.0.0.1",
        0,
      ]),
    );
    expect(new Set(sources.map((s) => s.id)).size).toBe(7);
  });

  it("keeps the floor for a kind=URL entry on the public host itself", () => {
    expect(summary("remotive=https://remotive.com/api/remote-jobs?category=software-dev")).toEqual([
      {
        id: "remotive:remotive.com/api/remote-jobs?category=software-dev",
        kind: "remotive",
        host: "remotive.com",
        floorMinutes: 6 * 60,
      },
    ]);
    expect(summary("arbeitnow=https://arbeitnow.com/api/job-board-api")[0]?.floorMinutes).toBe(5);
  });

  it("watches company boards by name, and any feed by URL (with a 5-minute floor wherever it is)", () => {
    expect(summary("greenhouse=gitlab,lever=zoox,ashby=Ashby,rss=https://jobs.example/feed.xml")).toEqual([
      { id: "greenhouse:gitlab", kind: "greenhouse", host: "boards-api.greenhouse.io", floorMinutes: 5 },
      { id: "lever:zoox", kind: "lever", host: "api.lever.co", floorMinutes: 5 },
      { id: "ashby:ashby", kind: "ashby", host: "api.ashbyhq.com", floorMinutes: 5 },
      { id: "rss:jobs.example/feed.xml", kind: "rss", host: "jobs.example", floorMinutes: 5 },
    ]);
  });

  it("names a company board from a URL with malformed escapes as written, instead of failing start-up", () => {
    expect(summary("lever=https://api.lever.co/v0/postings/acme%zz?mode=json")).toEqual([
      { id: "lever:acme%zz", kind: "lever", host: "api.lever.co", floorMinutes: 5 },
    ]);
  });

  it.each([
    ["greenhouse", "greenhouse needs the company's board name (greenhouse=acme) or an http(s) URL"],
    ["lever=two words", "lever=two words needs the company's board name (lever=acme) or an http(s) URL"],
    ["rss", "rss needs the feed's http(s) URL (rss=https://…)"],
    ["rss=jobs.example/feed", "rss=jobs.example/feed needs the feed's http(s) URL (rss=https://…)"],
    ["hackernews=ftp://x", "hackernews=ftp://x needs an http(s) URL"],
  ])("refuses %j, saying what it needs", (spec, message) => {
    expect(() => parseSourceSpec(spec)).toThrow(new SourceSpecError(message));
  });
});
