/**
 * The source kinds Jobhound knows and the SOURCES setting that picks among them (README.md, Sources).
 * Adding a board is one file in src/sources/ and one row in SOURCE_KINDS.
 *
 * Each row names the board's public host and its politeness floor: the least time between two
 * fetches of one source there, whatever SCRAPE_SCHEDULE says (Remotive asks for at most about four
 * requests a day, Jobicy for one an hour). A `kind=URL` entry pointing at another host (a mirror,
 * a test server) is that host's business and is fetched on the schedule.
 */
import { HOUR, MINUTE, type Clock } from "../core/clock.js";
import type { JobSource } from "../core/source.js";
import { arbeitnowSource, ARBEITNOW_API } from "./arbeitnow.js";
import { ashbySource, ashbyUrl } from "./ashby.js";
import { greenhouseSource, greenhouseUrl } from "./greenhouse.js";
import { hackerNewsSource, HN_ALGOLIA_API } from "./hackernews.js";
import { himalayasSource, HIMALAYAS_API } from "./himalayas.js";
import type { HttpClient } from "./http.js";
import { jobicySource, JOBICY_API } from "./jobicy.js";
import { leverSource, leverUrl } from "./lever.js";
import { remoteOkSource, REMOTEOK_API } from "./remoteok.js";
import { remotiveSource, REMOTIVE_API } from "./remotive.js";
import { httpUrl } from "./field-values.js";
import { rssSource } from "./rss.js";
import { WWR_PROGRAMMING_FEEDS, weWorkRemotelySource } from "./weworkremotely.js";

/** What SOURCES means when unset: the We Work Remotely programming categories. */
export const DEFAULT_SOURCES = "weworkremotely";

/** One SOURCES entry: `kind`, or `kind=ARG` (a feed or endpoint URL, or a board name). */
export interface SourceSpec {
  kind: string;
  arg?: string;
}

/** What a source needs from the outside world. */
export interface SourceDeps {
  http: HttpClient;
  clock: Clock;
}

export interface SourceKind {
  kind: string;
  /** The host the kind fetches by default; undefined for `rss`, which has none. */
  publicHost?: string;
  /** The politeness floor on the public host (on every host for `rss`). */
  floorMs: number;
  /** What is wrong with a `kind=ARG` argument, in a few words, or undefined when it is usable. */
  checkArg(arg: string | undefined): string | undefined;
  /** The sources one entry stands for: a kind alone may watch several feeds. */
  create(arg: string | undefined, deps: SourceDeps & { floorFor(url: string): number }): JobSource[];
}

export class SourceSpecError extends Error {
  override readonly name = "SourceSpecError";
}

const BOARD_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

export const SOURCE_KINDS: readonly SourceKind[] = [
  {
    kind: "weworkremotely",
    publicHost: "weworkremotely.com",
    floorMs: 5 * MINUTE,
    checkArg: optionalHttpUrl,
    create: (arg, { http, floorFor }) =>
      (arg === undefined ? WWR_PROGRAMMING_FEEDS : [arg]).map((url) =>
        weWorkRemotelySource({ url, http, minIntervalMs: floorFor(url) }),
      ),
  },
  endpointKind("remoteok", REMOTEOK_API, 5 * MINUTE, (url, { http }, minIntervalMs) =>
    remoteOkSource({ url, http, minIntervalMs }),
  ),
  endpointKind("remotive", REMOTIVE_API, 6 * HOUR, (url, { http }, minIntervalMs) =>
    remotiveSource({ url, http, minIntervalMs }),
  ),
  endpointKind("hackernews", HN_ALGOLIA_API, 15 * MINUTE, (url, { http, clock }, minIntervalMs) =>
    hackerNewsSource({ url, http, clock, minIntervalMs }),
  ),
  endpointKind("himalayas", HIMALAYAS_API, 5 * MINUTE, (url, { http }, minIntervalMs) =>
    himalayasSource({ url, http, minIntervalMs }),
  ),
  endpointKind("jobicy", JOBICY_API, HOUR, (url, { http }, minIntervalMs) =>
    jobicySource({ url, http, minIntervalMs }),
  ),
  endpointKind("arbeitnow", ARBEITNOW_API, 5 * MINUTE, (url, { http }, minIntervalMs) =>
    arbeitnowSource({ url, http, minIntervalMs }),
  ),
  boardKind("greenhouse", greenhouseUrl, (board, { http }, minIntervalMs) =>
    greenhouseSource({ board, http, minIntervalMs }),
  ),
  boardKind("lever", leverUrl, (board, { http }, minIntervalMs) => leverSource({ board, http, minIntervalMs })),
  boardKind("ashby", ashbyUrl, (board, { http }, minIntervalMs) => ashbySource({ board, http, minIntervalMs })),
  {
    kind: "rss",
    floorMs: 5 * MINUTE,
    checkArg: (arg) =>
      arg !== undefined && isHttpUrl(arg) ? undefined : "needs the feed's http(s) URL (rss=https://…)",
    create: (arg, { http, floorFor }) => [
      rssSource({ url: arg as string, http, minIntervalMs: floorFor(arg as string) }),
    ],
  },
];

/** A kind with one default endpoint, which `kind=URL` replaces. */
function endpointKind(
  kind: string,
  defaultUrl: string,
  floorMs: number,
  make: (url: string, deps: SourceDeps, minIntervalMs: number) => JobSource,
): SourceKind {
  return {
    kind,
    publicHost: new URL(defaultUrl).hostname,
    floorMs,
    checkArg: optionalHttpUrl,
    create: (arg, deps) => {
      const url = arg ?? defaultUrl;
      return [make(url, deps, deps.floorFor(url))];
    },
  };
}

/** A company-board kind: `kind=<board name>`, or `kind=URL` for the endpoint itself. */
function boardKind(
  kind: string,
  urlOf: (board: string) => string,
  make: (board: string, deps: SourceDeps, minIntervalMs: number) => JobSource,
): SourceKind {
  return {
    kind,
    publicHost: new URL(urlOf("x")).hostname,
    floorMs: 5 * MINUTE,
    checkArg: (arg) =>
      arg !== undefined && (BOARD_NAME.test(arg) || isHttpUrl(arg))
        ? undefined
        : `needs the company's board name (${kind}=acme) or an http(s) URL`,
    create: (arg, deps) => {
      const board = arg as string;
      return [make(board, deps, deps.floorFor(isHttpUrl(board) ? board : urlOf(board)))];
    },
  };
}

/**
 * Parses SOURCES: comma-separated entries, each `kind` or `kind=ARG` (split at the first "=",
 * since URLs may contain more). Empty entries are ignored, repeated ones kept once.
 */
export function parseSourceSpec(spec: string): SourceSpec[] {
  const specs = new Map<string, SourceSpec>();
  for (const entry of spec.split(",")) {
    const trimmed = entry.trim();
    if (trimmed === "") continue;
    const equals = trimmed.indexOf("=");
    const kind = (equals === -1 ? trimmed : trimmed.slice(0, equals)).trim().toLowerCase();
    const arg = equals === -1 ? undefined : trimmed.slice(equals + 1).trim();
    const problem = kindNamed(kind).checkArg(arg);
    if (problem) throw new SourceSpecError(`${kind}${arg === undefined ? "" : `=${arg}`} ${problem}`);
    specs.set(`${kind}=${arg ?? ""}`, arg === undefined ? { kind } : { kind, arg });
  }
  return [...specs.values()];
}

/** The sources for parsed specs; a feed reached through two entries is watched once. */
export function createSources(specs: readonly SourceSpec[], deps: SourceDeps): JobSource[] {
  const sources = new Map<string, JobSource>();
  for (const spec of specs) {
    const kind = kindNamed(spec.kind);
    for (const source of kind.create(spec.arg, { ...deps, floorFor: (url) => floorFor(kind, url) })) {
      if (!sources.has(source.id)) sources.set(source.id, source);
    }
  }
  return [...sources.values()];
}

/** The kind's floor on its public host (and its subdomains); none elsewhere, except for `rss`. */
export function floorFor(kind: Pick<SourceKind, "publicHost" | "floorMs">, url: string): number {
  if (kind.publicHost === undefined) return kind.floorMs;
  const host = new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  const publicHost = kind.publicHost.replace(/^www\./, "");
  return host === publicHost || host.endsWith(`.${publicHost}`) ? kind.floorMs : 0;
}

function kindNamed(kind: string): SourceKind {
  const found = SOURCE_KINDS.find((candidate) => candidate.kind === kind);
  if (found) return found;
  const known = SOURCE_KINDS.map((candidate) => candidate.kind).join(", ");
  throw new SourceSpecError(`unknown source kind "${kind}" (known: ${known})`);
}

/** For kinds whose argument, when given, is the feed or endpoint to fetch instead of the default. */
function optionalHttpUrl(arg: string | undefined): string | undefined {
  if (arg === undefined) return undefined;
  return isHttpUrl(arg) ? undefined : "needs an http(s) URL";
}

const isHttpUrl = (text: string): boolean => httpUrl(text) !== undefined;
