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
const KNOWN = "weworkremotely, remoteok, remotive, hackernews, himalayas, jobicy, arbeitnow, greenhouse, lever, ashby, rss";

describe("parseSourceSpec", () => {
  it.each([
    ["weworkremotely", [{ kind: "weworkremotely" }]],
    [`weworkremotely=${feed}`, [{ kind: "weworkremotely", arg: feed }]],
    [` weworkremotely , weworkremotely = ${feed} `, [{ kind: "weworkremotely" }, { kind: "weworkremotely", arg: feed }]],
    ["WeWorkRemotely", [{ kind: "weworkremotely" }]],
    [",, weworkremotely ,", [{ kind: "weworkremotely" }]],
    ["", []],
    ["weworkremotely=http://127.0.0.1:8080/feed.rss?a=b&c=d", [{ kind: "weworkremotely", arg: "http://127.0.0.1:8080/feed.rss?a=b&c=d" }]],
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
    ["weworkremotely=ftp://weworkremotely.com/x.rss", "weworkremotely=ftp://weworkremotely.com/x.rss needs an http(s) URL"],
    ["weworkremotely=", "weworkremotely= needs an http(s) URL"],
  ])("refuses %j with a message saying what is wrong", (spec, message) => {
    expect(() => parseSourceSpec(spec)).toThrow(new SourceSpecError(message));
  });
});

describe("createSources", () => {
  it("watches the four We Work Remotely programming categories by default", () => {
    const sources = createSources(parseSourceSpec(DEFAULT_SOURCES), { http, clock });
    expect(sources.map(({ id, kind, label }) => ({ id, kind, label }))).toEqual([
      { id: "weworkremotely:remote-back-end-programming-jobs", kind: "weworkremotely", label: "We Work Remotely · Back-End Programming" },
      { id: "weworkremotely:remote-front-end-programming-jobs", kind: "weworkremotely", label: "We Work Remotely · Front-End Programming" },
      { id: "weworkremotely:remote-full-stack-programming-jobs", kind: "weworkremotely", label: "We Work Remotely · Full-Stack Programming" },
      { id: "weworkremotely:remote-devops-sysadmin-jobs", kind: "weworkremotely", label: "We Work Remotely · DevOps and Sysadmin" },
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

  it("refuses a kind it does not know, even in hand-built specs", () => {
    expect(() => createSources([{ kind: "monster" }], { http, clock })).toThrow(SourceSpecError);
  });
});
