/**
 * What every source does with a response body before reading jobs out of it: recognise the
 * payloads that are not what was asked for (a block page served with 200, an HTML error page, a
 * truncated download, an empty body) and say so in a few words, so that /sources shows a reason
 * a person understands and the source fails for this cycle instead of yielding nonsense.
 */
import type { JobDraft } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import { stoppedBy, timeSlices, type Slices } from "../core/slices.js";

export interface ParsedJobs {
  jobs: JobDraft[];
  /** Items present in the payload that could not be used (each was logged). */
  skipped: number;
}

/** A payload that is not the expected document. Its message is the reason for /sources. */
export class PayloadError extends Error {
  override readonly name = "PayloadError";
}

/** Why a body is not the JSON or feed that was asked for, in a few words. */
export function describeUnexpected(body: string): string {
  const start = body
    .replace(/^\uFEFF/, "")
    .trim()
    .slice(0, 4096)
    .toLowerCase();
  if (start === "") return "empty response";
  if (/just a moment\.\.\.|challenge-platform|cf-chl|cf_chl|attention required! \| cloudflare/.test(start))
    return "got a Cloudflare challenge page";
  if (
    /^<(!doctype html|html|head|body)[\s>]/.test(start) ||
    /<(div|section|article|main|title)[\s>]/.test(start.slice(0, 512))
  )
    return "got an HTML page";
  if (start.startsWith("<?xml") || /^<(rss|feed|rdf:rdf)[\s>]/.test(start)) return "got an XML document";
  if (start.startsWith("{") || start.startsWith("[")) return "got JSON";
  // eslint-disable-next-line no-control-regex -- control characters are what tell binary data apart
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(start) ? "got binary data" : "got plain text";
}

/**
 * Parses a JSON body (a UTF-8 byte order mark is dropped first), or throws a PayloadError saying
 * what came instead: "got a Cloudflare challenge page", "truncated JSON" and the like.
 */
export function parseJson(body: string): unknown {
  const text = body.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(text);
  } catch (error) {
    const start = text.trimStart();
    if (!(start.startsWith("{") || start.startsWith("[")))
      throw new PayloadError(`not JSON: ${describeUnexpected(text)}`);
    // V8 says "Unexpected end of JSON input", "Unterminated string", or names a position at the
    // very end ("Expected ':' … at position 23" of 23) when the body stops early.
    const message = error instanceof Error ? error.message : String(error);
    const position = Number(/at position (\d+)/.exec(message)?.[1] ?? NaN);
    if (/end of JSON input|Unterminated/i.test(message) || position >= text.trimEnd().length)
      throw new PayloadError("truncated JSON (the response ended early)");
    throw new PayloadError(`invalid JSON (${message.slice(0, 80)})`);
  }
}

/** The array under `key` of a JSON object, or a PayloadError naming what the payload was instead. */
export function arrayAt(payload: unknown, key: string, what: string): unknown[] {
  if (isRecord(payload) && Array.isArray(payload[key])) return payload[key] as unknown[];
  throw new PayloadError(`not ${what}: ${shapeOf(payload)} without a "${key}" list`);
}

/** "an object", "a list", "a string"…: for messages about a payload of the wrong shape. */
export function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * How long parsing runs between pauses for the event loop. A board may send 10,000 items or more
 * (issue #14): parsed in one go, they kept /healthz and SIGTERM waiting for seconds.
 */
const PARSE_SLICE_MS = 10;

/**
 * The slices one payload is parsed in. A stopped `signal` (the bot is shutting down) ends the
 * parse at its next pause with the signal's reason: the cycle drops what was half read.
 */
export function parseSlices(signal?: AbortSignal): Slices {
  return stoppedBy(
    timeSlices(() => performance.now(), PARSE_SLICE_MS),
    signal,
  );
}

/**
 * Runs `parse` over every item: a job is kept, a reason (string) means the item is skipped and
 * logged with it, so that one odd posting never costs the rest of the payload. Pauses for the
 * event loop between items whenever a slice is used up.
 */
export async function collectJobs<T>(
  items: readonly T[],
  parse: (item: T) => JobDraft | string,
  log: Logger,
  nameOf: (item: T, index: number) => string,
  slices: Slices,
): Promise<ParsedJobs> {
  const jobs: JobDraft[] = [];
  let skipped = 0;
  for (const [index, item] of items.entries()) {
    if (slices.due()) await slices.pause();
    let result: JobDraft | string;
    try {
      result = parse(item);
    } catch (error) {
      result = error instanceof Error ? error.message : String(error);
    }
    if (typeof result !== "string") {
      jobs.push(result);
      continue;
    }
    skipped += 1;
    log.warn({ item: nameOf(item, index), reason: result }, "skipped unparseable item");
  }
  return { jobs, skipped };
}

/**
 * The check every fetch ends with. Items that were all unreadable mean the format changed under
 * us: that is a failure to report, not "no jobs". For boards that always list jobs (the big
 * aggregators), an empty list is a broken answer too; a company board or a new month's Hacker
 * News thread may well be empty.
 */
export function checkJobs(parsed: ParsedJobs, { emptyIsBroken }: { emptyIsBroken: boolean }): ParsedJobs {
  if (parsed.jobs.length > 0) return parsed;
  if (parsed.skipped > 0)
    throw new PayloadError(`none of the ${parsed.skipped} items could be read (has the format changed?)`);
  if (emptyIsBroken) throw new PayloadError("the board listed no jobs at all");
  return parsed;
}
