/**
 * The one HTTP helper every source fetches through, so that all of them send the same honest
 * User-Agent (We Work Remotely answers anonymous scripts with a Cloudflare challenge), make
 * conditional requests, give up after a timeout, refuse oversized payloads and fail with a message
 * short enough for /sources.
 */

import type { Agent } from "undici";
import { checkRedirect, MAX_REDIRECTS, pinnedDispatcher, systemLookup, type Lookup } from "./redirect-policy.js";

export const USER_AGENT = "Jobhound/0.1 (+https://github.com/jobhound/jobhound)";

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface HttpClientOptions {
  /** Defaults to USER_AGENT; tests may name themselves. */
  userAgent?: string;
  timeoutMs?: number;
  maxBytes?: number;
  fetch?: typeof globalThis.fetch;
  /** How redirect targets are resolved before they are checked (node:dns unless a test says). */
  lookup?: Lookup;
}

export interface GetOptions {
  /** The source asking; carried by FetchError for logs. */
  sourceId: string;
  /** Validators from the previous successful fetch, sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  accept?: string;
  /** Overrides the client's size cap for this request (a whole Hacker News thread is larger). */
  maxBytes?: number;
  /** Ends the request early (shutdown): get then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export type HttpResult =
  { status: "ok"; body: string; etag?: string; lastModified?: string } | { status: "not-modified" };

export interface HttpClient {
  get(url: string, options: GetOptions): Promise<HttpResult>;
}

/** A failed fetch. The message names the host and the reason in a few words. */
export class FetchError extends Error {
  override readonly name = "FetchError";
  readonly sourceId: string;
  readonly url: string;
  readonly status?: number;
  /** From Retry-After on a 429 or 503: how long the server asked us to wait. */
  readonly retryAfterMs?: number;

  constructor(message: string, context: { sourceId: string; url: string; status?: number; retryAfterMs?: number }) {
    super(message);
    this.sourceId = context.sourceId;
    this.url = context.url;
    if (context.status !== undefined) this.status = context.status;
    if (context.retryAfterMs !== undefined) this.retryAfterMs = context.retryAfterMs;
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const userAgent = options.userAgent ?? USER_AGENT;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const defaultMaxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const lookup = options.lookup ?? systemLookup;

  /** Fetches `url`, following redirects by the policy of redirect-policy.ts. */
  async function follow(url: string, init: RequestInit, context: { sourceId: string }): Promise<Response> {
    const configured = new URL(url);
    let current = configured;
    // Set once a redirect's addresses were checked: the connection goes to those and no others.
    let pinned: Agent | undefined;
    for (let redirects = 0; ; redirects += 1) {
      const hop: RequestInit = { ...init, redirect: "manual" };
      // Node 20's fetch takes undici 7's Agent; their type declarations differ (FormData), not the API.
      if (pinned) Object.assign(hop, { dispatcher: pinned });
      const response = await fetchImpl(current.href, hop);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status > 399 || response.status === 304 || location === null)
        return response;
      discard(response.body);
      const fail = (message: string) => new FetchError(message, { sourceId: context.sourceId, url });
      if (redirects >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects from ${configured.hostname}`);
      let target: URL;
      try {
        target = new URL(location, current);
      } catch {
        throw fail(`unreadable redirect from ${current.hostname}`);
      }
      const verdict = await checkRedirect(configured, target, lookup);
      if (verdict.refusal !== undefined) throw fail(`${verdict.refusal} (from ${current.hostname})`);
      pinned = verdict.addresses ? pinnedDispatcher(verdict.addresses) : undefined;
      current = target;
    }
  }

  async function get(
    url: string,
    { sourceId, etag, lastModified, accept, maxBytes = defaultMaxBytes, signal }: GetOptions,
  ): Promise<HttpResult> {
    const host = hostOf(url);
    const headers: Record<string, string> = { "user-agent": userAgent };
    if (accept) headers["accept"] = accept;
    if (etag) headers["if-none-match"] = etag;
    if (lastModified) headers["if-modified-since"] = lastModified;

    try {
      // One signal for the whole exchange: a server that sends headers and then stalls times out too.
      const timeout = AbortSignal.timeout(timeoutMs);
      const ended = signal ? AbortSignal.any([timeout, signal]) : timeout;
      const response = await follow(url, { headers, signal: ended }, { sourceId });
      if (response.status === 304) {
        discard(response.body);
        return { status: "not-modified" };
      }
      if (!response.ok) {
        discard(response.body);
        throw new FetchError(`HTTP ${response.status} from ${host}`, {
          sourceId,
          url,
          status: response.status,
          retryAfterMs: retryAfter(response),
        });
      }
      const tooLarge = () => new FetchError(`response over ${formatBytes(maxBytes)} from ${host}`, { sourceId, url });
      const body = await readBody(response, maxBytes, tooLarge);
      return {
        status: "ok",
        body,
        etag: response.headers.get("etag") ?? undefined,
        lastModified: response.headers.get("last-modified") ?? undefined,
      };
    } catch (error) {
      // Stopped by the caller, not failed: nothing to report about the host.
      if (signal?.aborted) throw signal.reason;
      if (error instanceof FetchError) throw error;
      throw new FetchError(describeFailure(error, host, timeoutMs), { sourceId, url });
    }
  }

  return { get };
}

async function readBody(response: Response, maxBytes: number, tooLarge: () => FetchError): Promise<string> {
  // Content-Length is only a hint (absent when chunked), so the stream is counted as well.
  if (Number(response.headers.get("content-length")) > maxBytes) {
    discard(response.body);
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  // TextDecoder drops a leading UTF-8 BOM (ignoreBOM defaults to false), which some APIs send.
  const decoder = new TextDecoder("utf-8");
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(ignore);
      throw tooLarge();
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join("");
}

function describeFailure(error: unknown, host: string, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") {
    return `timed out after ${timeoutMs / 1000} s waiting for ${host}`;
  }
  // undici reports "fetch failed" and puts the system error (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = cause instanceof Error && "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
  const reason = code ?? (cause instanceof Error ? cause.message : String(cause));
  return `network error: ${reason} reaching ${host}`;
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date), on the statuses that carry it. */
function retryAfter(response: Response): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const value = response.headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The host a URL points at ("weworkremotely.com"), which keys politeness; the text itself if it is no URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

/** Releases an unwanted body so the connection can be reused; a failure to do so changes nothing. */
function discard(body: ReadableStream<Uint8Array> | null): void {
  body?.cancel().catch(ignore);
}

function ignore(): void {}
