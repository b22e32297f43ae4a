/**
 * `npm run bench -- latest`: /latest and /subscribe filter every stored job on every call. Measures
 * that over 10,000 stored jobs: the first call (which builds each job's compact document), later
 * calls (which reuse them), tokenizing every job again on each call instead, and the memory the kept
 * documents take. Then the start (issue 16): indexing the words of the scale bench's 50,000 stored
 * jobs, numbered on a worker thread as main.ts does, and all on the main thread as before
 * (bench/latest-start.ts, a process each).
 */
import { jobDocument, queryMatches } from "../src/core/query/match.js";
import { parseQuery } from "../src/core/query/parse.js";
import { searchJobs } from "../src/core/query/search.js";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { megabytes, settledHeap, timed } from "./measure.js";
import { realJobs } from "./postings.js";

const STORED = 10_000;
// '"machine learning"' reads as the word ml (an equivalent); '"software engineer"' is a phrase proper.
const QUERIES = [
  "python remote",
  "title:senior location:europe",
  '"machine learning"',
  '"software engineer"',
  "devop* -php",
  "rust|go salary>=100k",
];

/** The scale bench's stored jobs (bench/scale.ts). */
const STARTED_WITH = 50_000;

interface StartFigures {
  ms: number;
  busy: number;
  mainCpu: number;
  cpu: number;
  stall: number;
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
}

async function start(where: "worker" | "here"): Promise<StartFigures> {
  const script = fileURLToPath(new URL("./latest-start.ts", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script, where, `${STARTED_WITH}`]);
  return JSON.parse(stdout) as StartFigures;
}

function printStart(how: string, f: StartFigures): void {
  const ms = (value: number) => Math.round(value).toLocaleString("en-US");
  console.log(
    `latest: at start, ${STARTED_WITH.toLocaleString("en-US")} stored jobs' words indexed ${how} in ${ms(f.ms)} ms: ` +
      `main thread busy ${ms(f.busy)} ms (CPU ${ms(f.mainCpu)} ms), process CPU ${ms(f.cpu)} ms, longest stall ${ms(f.stall)} ms, ` +
      `rss +${f.rssPeak - f.rssBefore} MB at most, +${f.rssAfter - f.rssBefore} MB after`,
  );
}

export async function latestBench(): Promise<boolean> {
  const jobs = Object.freeze(realJobs(STORED).map((job) => Object.freeze(job)));
  const queries = QUERIES.map((text) => parseQuery(text));
  const heapBefore = settledHeap();
  const first = timed(() => searchJobs(queries[0] ?? parseQuery("remote"), jobs).length);
  const cacheBytes = settledHeap() - heapBefore;
  let consistent = true;
  for (const [i, query] of queries.entries()) {
    const cached = timed(() => searchJobs(query, jobs).length);
    const uncached = timed(() => jobs.filter((job) => queryMatches(query, jobDocument(job))).length);
    consistent &&= cached.result === uncached.result;
    console.log(
      `latest: ${STORED} stored jobs, "${QUERIES[i]}": ${cached.result} match, ${Math.round(cached.ms)} ms with kept documents, ` +
        `${Math.round(uncached.ms)} ms tokenizing every job`,
    );
  }
  console.log(
    `latest: the first call built the documents in ${Math.round(first.ms)} ms; they take ${megabytes(cacheBytes)} MB`,
  );
  if (!consistent) console.log("latest: kept documents and fresh ones DISAGREE");
  printStart("on a worker thread", await start("worker"));
  printStart("on the main thread", await start("here"));
  return consistent;
}
