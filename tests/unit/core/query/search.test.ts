import { describe, expect, it } from "vitest";
import { parseQuery } from "../../../../src/core/query/parse.js";
import {
  prepareDocuments,
  searchJobs,
  searchStoredJobs,
  storedJobDocument,
} from "../../../../src/core/query/search.js";
import type { Job } from "../../../../src/core/job.js";
import { WordNumbering, type NumberWordsElsewhere } from "../../../../src/core/query/word-numbering.js";
import { makeJob } from "../../../fakes/builders.js";

/** A thousand jobs and more are worth a worker; this many of a made-up board. */
const many = (count: number, title: string) =>
  Array.from({ length: count }, () => Object.freeze(makeJob({ title, tags: [], remote: false })));

/**
 * Numbers words as the worker does, in this thread, a batch per turn of the event loop, failing
 * after `batches` batches when told. A batch not started yet can be taken back, the last first.
 */
function numberedHere(seen: Job[][], batches = Infinity): NumberWordsElsewhere {
  return (jobs, take) => {
    const numbering = new WordNumbering();
    const left: Job[][] = [];
    for (let start = 0; start < jobs.length; start += 100) left.push(jobs.slice(start, start + 100));
    const done = (async () => {
      for (let batch = left.shift(); batch; batch = left.shift()) {
        await new Promise((resolve) => setImmediate(resolve));
        if (seen.length === batches) throw new Error("the worker died");
        seen.push(batch);
        take(batch, numbering.number(batch));
      }
    })();
    return { done, takeBack: () => left.pop() };
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

  it("indexes, for a command's search, the jobs not indexed yet a batch at a time, letting other work run between", async () => {
    const jobs = many(250, "Quarryman engineer");
    const events: string[] = [];
    setImmediate(() => events.push("other work"));
    const found = await searchStoredJobs(parseQuery("quarryman"), jobs);
    events.push("searched");
    expect(events).toEqual(["other work", "searched"]);
    expect(found).toEqual(jobs);
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

  it("once this thread is free, finds the words of the batches not yet sent itself, the last first", async () => {
    const jobs = many(1200, "Vintner engineer");
    const batches: Job[][] = [];
    await prepareDocuments(jobs, { elsewhere: numberedHere(batches), helpFrom: Promise.resolve() });
    const numbered = batches.flat();
    expect(numbered.length).toBeGreaterThan(0);
    expect(numbered.length).toBeLessThan(jobs.length);
    expect(numbered).toEqual(jobs.slice(0, numbered.length));
    expect(searchJobs(parseQuery("vintner"), jobs)).toEqual(jobs);
  });

  it("helps as well after a first cycle that failed, and leaves every batch elsewhere until then", async () => {
    const helped = many(1200, "Upholsterer engineer");
    const helpedBatches: Job[][] = [];
    await prepareDocuments(helped, {
      elsewhere: numberedHere(helpedBatches),
      helpFrom: Promise.reject(new Error("no")),
    });
    expect(helpedBatches.flat().length).toBeLessThan(helped.length);
    const waiting = many(1200, "Tinsmith engineer");
    const batches: Job[][] = [];
    await prepareDocuments(waiting, { elsewhere: numberedHere(batches), helpFrom: new Promise(() => {}) });
    expect(batches.flat()).toEqual(waiting);
    expect(searchJobs(parseQuery("tinsmith"), waiting)).toEqual(waiting);
  });

  it("finds the words here when the worker cannot even be asked", async () => {
    const jobs = many(1200, "Saddler engineer");
    const refusing: NumberWordsElsewhere = () => {
      throw new Error("no worker today");
    };
    await prepareDocuments(jobs, { elsewhere: refusing });
    expect(searchJobs(parseQuery("saddler"), jobs)).toEqual(jobs);
  });

  it("reports a job whose words cannot be found while helping, as a failure of the preparation", async () => {
    const jobs: Job[] = many(1199, "Roper engineer");
    const broken = Object.defineProperty({ ...makeJob({ title: "Roper" }) }, "description", {
      get: () => {
        throw new Error("unreadable");
      },
    });
    jobs.push(Object.freeze(broken));
    // The last batch is taken back while the others are numbered elsewhere: its failure must be
    // the preparation's, not a rejection nobody handles.
    await expect(prepareDocuments(jobs, { elsewhere: numberedHere([]), helpFrom: Promise.resolve() })).rejects.toThrow(
      "unreadable",
    );
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
