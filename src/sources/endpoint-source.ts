/**
 * A source that is one document at one URL (a JSON API or a feed): fetched with a conditional
 * request, parsed by the kind's pure parse function. Kinds that page or chain requests
 * (Himalayas, Arbeitnow, Hacker News) build their JobSource themselves.
 */
import type { Logger } from "../core/logger.js";
import type { Slices } from "../core/slices.js";
import type { JobSource } from "../core/source.js";
import { nameFromSlug } from "./field-values.js";
import { hostOf, type HttpClient } from "./http.js";
import { checkJobs, parseSlices, type ParsedJobs } from "./payload.js";

export const ACCEPT_JSON = "application/json, */*;q=0.5";
export const ACCEPT_FEED =
  "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

export interface EndpointSourceOptions {
  id: string;
  kind: string;
  label: string;
  url: string;
  http: HttpClient;
  minIntervalMs: number;
  accept: string;
  /** True for boards that always list jobs, where an empty list means a broken answer. */
  emptyIsBroken: boolean;
  parse(body: string, log: Logger, slices: Slices): Promise<ParsedJobs>;
}

export function endpointSource({
  id,
  kind,
  label,
  url,
  http,
  minIntervalMs,
  accept,
  emptyIsBroken,
  parse,
}: EndpointSourceOptions): JobSource {
  return {
    id,
    kind,
    label,
    host: hostOf(url),
    minIntervalMs,
    async fetch(request, log) {
      const response = await http.get(url, { sourceId: id, accept, ...request });
      if (response.status === "not-modified") return response;
      const parsed = await parse(response.body, log, parseSlices(request.signal));
      const { jobs, skipped } = checkJobs(parsed, { emptyIsBroken });
      const validators = { etag: response.etag, lastModified: response.lastModified };
      // One payload is the whole listing.
      return { status: "ok", jobs, skipped, complete: true, ...validators };
    },
  };
}

/**
 * The source id of a kind fetched at `url`: the kind alone for its default endpoint, else the
 * kind and the endpoint, so that `remoteok` and `remoteok=<mirror>` are two sources with two states.
 */
export function endpointSourceId(kind: string, url: string, defaultUrl: string): string {
  const trimmed = (address: string) => address.replace(/\/+$/, "");
  if (trimmed(url) === trimmed(defaultUrl)) return kind;
  const parsed = new URL(url);
  return `${kind}:${parsed.host}${parsed.pathname.replace(/\/+$/, "")}${parsed.search}`;
}

export interface CompanyBoardOptions {
  kind: string;
  /** "Greenhouse", for labels. */
  brand: string;
  /** The board's name as configured (`greenhouse=gitlab`), or for kind=URL the endpoint itself. */
  board: string;
  /** The endpoint of a board name. */
  urlOf(board: string): string;
  /** Finds the board name in an endpoint's path (its first group), for kind=URL entries. */
  namePattern: RegExp;
  http: HttpClient;
  minIntervalMs: number;
  /** Company boards' postings name no company: the board's name stands in. */
  parse(body: string, company: string, log: Logger, slices: Slices): Promise<ParsedJobs>;
}

/** A Greenhouse, Lever or Ashby board: one endpoint per company, empty when it is not hiring. */
export function companyBoardSource({
  kind,
  brand,
  board,
  urlOf,
  namePattern,
  http,
  minIntervalMs,
  parse,
}: CompanyBoardOptions): JobSource {
  const url = /^https?:\/\//i.test(board) ? board : urlOf(board);
  const name = namePattern.exec(url)?.[1] ?? new URL(url).hostname;
  const company = nameFromSlug(decodedOrAsIs(name));
  return endpointSource({
    id: `${kind}:${name.toLowerCase()}`,
    kind,
    label: `${brand} · ${company}`,
    url,
    http,
    minIntervalMs,
    accept: ACCEPT_JSON,
    emptyIsBroken: false,
    parse: (body, log, slices) => parse(body, company, log, slices),
  });
}

/** A URL path segment decoded, or as it is when its escapes are malformed ("%zz"). */
function decodedOrAsIs(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
