/** A job source whose board a test edits between cycles, and which can be told to fail. */
import type { JobDraft } from "../../src/core/job.js";
import type { FetchOutcome, JobSource } from "../../src/core/source.js";
import { T0 } from "./builders.js";

let counter = 0;

/** A valid draft as a source parser would return it. */
export function makeDraft(overrides: Partial<JobDraft> = {}): JobDraft {
  const n = ++counter;
  return {
    id: `board:${n}`,
    source: "board",
    url: `https://board.example.com/jobs/${n}`,
    title: `Engineer ${n}`,
    company: `Company ${n}`,
    location: "Anywhere in the World",
    remote: true,
    tags: [],
    postedAt: T0,
    description: "A job.",
    ...overrides,
  };
}

export interface FakeSource extends JobSource {
  jobs: JobDraft[];
  add(...drafts: JobDraft[]): void;
  /** The next fetches throw this error, until set back to undefined. */
  failure: Error | undefined;
  fetches: number;
}

/** A source on its own host (by default), fetched on every cycle unless given a floor. */
export function fakeSource(
  initial: JobDraft[] = [],
  id = "board:main",
  { host = `${id}.example`, minIntervalMs = 0 } = {},
): FakeSource {
  const source: FakeSource = {
    id,
    kind: "board",
    label: `Fake board ${id}`,
    host,
    minIntervalMs,
    jobs: [...initial],
    failure: undefined,
    fetches: 0,
    add(...drafts) {
      source.jobs.push(...drafts);
    },
    async fetch(): Promise<FetchOutcome> {
      source.fetches += 1;
      if (source.failure) throw source.failure;
      return { status: "ok", jobs: [...source.jobs], skipped: 0 };
    },
  };
  return source;
}
