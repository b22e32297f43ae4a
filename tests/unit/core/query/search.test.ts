import { describe, expect, it } from "vitest";
import { parseQuery } from "../../../../src/core/query/parse.js";
import { prepareDocuments, searchJobs, storedJobDocument } from "../../../../src/core/query/search.js";
import type { Job } from "../../../../src/core/job.js";
import { WordNumbering, type NumberWordsElsewhere } from "../../../../src/core/query/word-numbering.js";
import { makeJob } from "../../../fakes/builders.js";

/** A thousand jobs and more are worth a worker; this many of a made-up board. */
const many = (count: number, title: string) =>
  Array.from({ length: count }, () => Object.freeze(makeJob({ title, tags: [], remote: false })));

/** Numbers words as the worker does, in this thread, failing after `batches` batches when told. */
function numberedHere(seen: Job[][], batches = Infinity): NumberWordsElsewhere {
  return async (jobs, take) => {
    const numbering = new WordNumbering();
    for (let start = 0; start < jobs.length; start += 100) {
      if (seen.length === batches) throw new Error("the worker died");
      const batch = jobs.slice(start, start + 100);
      seen.push(batch);
      take(batch, numbering.number(batch));
    }
  };
}

describe("searching stored jobs (/latest, /subscribe's count)", () => {
  it("keeps one document per stored job, and a new one when a merge replaces the job", () => {
    const job = Object.freeze(makeJob({ title: "Rust engineer", tags: [] }));
    expect(storedJobDocument(job)).toBe(storedJobDocument(job));
    const merged = Object.freeze({ ...job, tags: ["elixir"] });
    expect(storedJobDocument(merged)).not.toBe(storedJobDocument(job));
    expect(searchJobs(parseQuery("tag:elixir"), [job, merged])).toEqual([merged]);
  });

  it("prepares documents ahead of the first search a batch at a time, letting other work run between", async () => {
    const jobs = Array.from({ length: 5 }, (_, i) => makeJob({ title: `Engineer ${i}` }));
    const events: string[] = [];
    setImmediate(() => events.push("other work"));
    await prepareDocuments(jobs, { batch: 2 });
    events.push("prepared");
    expect(events).toEqual(["other work", "prepared"]);
    expect(searchJobs(parseQuery("engineer"), jobs)).toEqual(jobs);
  });

  it("takes stored jobs' words numbered elsewhere, and finds none of them here", async () => {
    const jobs = many(1200, "Zookeeper engineer");
    const batches: Job[][] = [];
    // Words the jobs' texts do not have: only if the numbered words were taken can a search find them.
    const elsewhere = numberedHere(batches);
    await prepareDocuments(jobs, {
      elsewhere: (list, take) =>
        elsewhere(list, (batch, numbered) =>
          take(batch, { ...numbered, newWords: numbered.newWords.map((word) => `${word}elsewhere`) }),
        ),
    });
    expect(batches.flat()).toEqual(jobs);
    expect(searchJobs(parseQuery("zookeeperelsewhere"), jobs)).toEqual(jobs);
    expect(searchJobs(parseQuery("zookeeper"), jobs)).toEqual([]);
  });

  it("finds here the words of the jobs a failing worker did not number", async () => {
    const jobs = many(1200, "Yodeler engineer");
    const batches: Job[][] = [];
    await prepareDocuments(jobs, { elsewhere: numberedHere(batches, 3) });
    expect(batches.flat()).toHaveLength(300);
    expect(searchJobs(parseQuery("yodeler"), jobs)).toEqual(jobs);
  });

  it("finds the words of a few jobs here, where a worker would cost more than it saves", async () => {
    const jobs = many(10, "Xylophonist");
    const batches: Job[][] = [];
    await prepareDocuments(jobs, { elsewhere: numberedHere(batches) });
    expect(batches).toEqual([]);
    expect(searchJobs(parseQuery("xylophonist"), jobs)).toEqual(jobs);
  });

  it("finds phrases in kept documents, whose word sequences are not kept", () => {
    const jobs = [
      makeJob({ description: "Applied machine learning" }),
      makeJob({ description: "Learning machine tools" }),
    ];
    expect(searchJobs(parseQuery('"machine learning"'), jobs)).toEqual([jobs[0]]);
  });
});
