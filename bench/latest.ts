/**
 * `npm run bench -- latest`: /latest and /subscribe filter every stored job on every call. Measures
 * that over 10,000 stored jobs: the first call (which builds each job's compact document), later
 * calls (which reuse them), tokenizing every job again on each call instead, and the memory the kept
 * documents take.
 */
import { jobDocument, queryMatches } from "../src/core/query/match.js";
import { parseQuery } from "../src/core/query/parse.js";
import { searchJobs } from "../src/core/query/search.js";
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
  return consistent;
}
