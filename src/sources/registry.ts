/**
 * The source kinds Jobhound knows and the SOURCES setting that picks among them (DESIGN §6).
 * Adding a board is one file in src/sources/ and one row in SOURCE_KINDS.
 */
import type { JobSource } from "../core/source.js";
import type { HttpClient } from "./http.js";
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
}

export interface SourceKind {
  kind: string;
  /** The board's name, for people. */
  label: string;
  /** What is wrong with a `kind=ARG` argument, in a few words, or undefined when it is usable. */
  checkArg(arg: string | undefined): string | undefined;
  /** The sources one entry stands for: a kind alone may watch several feeds. */
  create(arg: string | undefined, deps: SourceDeps): JobSource[];
}

export class SourceSpecError extends Error {
  override readonly name = "SourceSpecError";
}

export const SOURCE_KINDS: readonly SourceKind[] = [
  {
    kind: "weworkremotely",
    label: "We Work Remotely",
    checkArg: (arg) => optionalHttpUrl(arg),
    create: (arg, { http }) => (arg === undefined ? WWR_PROGRAMMING_FEEDS : [arg]).map((url) => weWorkRemotelySource({ url, http })),
  },
];

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
    if (problem) throw new SourceSpecError(`${kind}=${arg ?? ""} ${problem}`);
    specs.set(`${kind}=${arg ?? ""}`, arg === undefined ? { kind } : { kind, arg });
  }
  return [...specs.values()];
}

/** The sources for parsed specs; a feed reached through two entries is watched once. */
export function createSources(specs: readonly SourceSpec[], deps: SourceDeps): JobSource[] {
  const sources = new Map<string, JobSource>();
  for (const spec of specs) {
    for (const source of kindNamed(spec.kind).create(spec.arg, deps)) {
      if (!sources.has(source.id)) sources.set(source.id, source);
    }
  }
  return [...sources.values()];
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

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
