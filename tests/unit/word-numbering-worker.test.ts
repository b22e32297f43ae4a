import { describe, expect, it } from "vitest";
import type { Job } from "../../src/core/job.js";
import { jobDocument, queryMatches } from "../../src/core/query/match.js";
import { parseQuery } from "../../src/core/query/parse.js";
import { prepareDocuments, searchJobs } from "../../src/core/query/search.js";
import { WordNumbering, type NumberedWords } from "../../src/core/query/word-numbering.js";
import { numberWordsInWorker } from "../../src/word-numbering-worker.js";
import { makeJob } from "../fakes/builders.js";
import { recordingLogger } from "../fakes/recording-logger.js";

const TITLES = ["Rust engineer", "Senior Go developer", "Elixir developer", "Data scientist", "Kotlin developer"];
const DESCRIPTIONS = ["Golang services, applied machine learning.", "Rust is a plus. Salary $120,000 a year.", ""];

/** 1,200 jobs of an invented board: enough for prepareDocuments to start a worker. */
function storedJobs(word: string): Job[] {
  return Array.from({ length: 1200 }, (_, i) =>
    Object.freeze(
      makeJob({
        title: `${TITLES[i % TITLES.length]} ${i % 7 === 0 ? word : ""}`,
        description: `${DESCRIPTIONS[i % DESCRIPTIONS.length]} Ticket ${i}.`,
        remote: i % 2 === 0,
      }),
    ),
  );
}

const matching = (query: string, jobs: readonly Job[]) =>
  jobs.filter((job) => queryMatches(parseQuery(query), jobDocument(job)));

describe("numbering stored jobs' words in a worker thread (prepareDocuments at start)", () => {
  it("gives each batch the numbers this thread would give, in order", async () => {
    const jobs = storedJobs("quokka");
    const batches: { batch: readonly Job[]; numbered: NumberedWords }[] = [];
    await numberWordsInWorker(recordingLogger())(jobs, (batch, numbered) => batches.push({ batch, numbered })).done;
    expect(batches.flatMap(({ batch }) => batch)).toEqual(jobs);
    const here = new WordNumbering();
    for (const { batch, numbered } of batches) expect(numbered).toEqual(here.number(batch));
  });

  it("lets searches find what testing every job finds", async () => {
    const jobs = storedJobs("wombat");
    const log = recordingLogger();
    await prepareDocuments(jobs, { elsewhere: numberWordsInWorker(log) });
    for (const query of ["wombat", "rust remote", "ticket -golang", "ml", '"machine learning"', "tag:typescript"])
      expect(searchJobs(parseQuery(query), jobs), query).toEqual(matching(query, jobs));
    expect(log.records).toEqual([]);
  });

  it("numbers descriptions the store holds behind a getter (PostgreSQL's job cache, as UTF-8)", async () => {
    const jobs = storedJobs("platypus").map((job, i) => {
      const utf8 = Buffer.from(`${job.description} Pays in kroner ${i % 3 === 0 ? "numbat" : ""}`, "utf8");
      const description = { get: () => utf8.toString("utf8"), enumerable: true };
      return Object.freeze(Object.defineProperty({ ...job }, "description", description));
    });
    const log = recordingLogger();
    await prepareDocuments(jobs, { elsewhere: numberWordsInWorker(log) });
    expect(log.records).toEqual([]);
    for (const query of ["kroner", "numbat", "platypus numbat"])
      expect(searchJobs(parseQuery(query), jobs), query).toEqual(matching(query, jobs));
    expect(searchJobs(parseQuery("numbat"), jobs)).toHaveLength(400);
  });

  it("gives back the batches not yet sent, the last first, and the rest to `take`", async () => {
    const jobs = storedJobs("bilby");
    const taken: Job[] = [];
    const numbering = numberWordsInWorker(recordingLogger())(jobs, (batch) => taken.push(...batch));
    // Five batches of 250 (the last of 200); three are sent at once, so two can come back.
    const back = [numbering.takeBack(), numbering.takeBack(), numbering.takeBack()];
    await numbering.done;
    expect(back.map((batch) => batch?.length)).toEqual([200, 250, undefined]);
    expect(back[0]).toEqual(jobs.slice(1000));
    expect(taken).toEqual(jobs.slice(0, 750));
  });

  it("leaves the jobs to this thread, with a warning, when the worker cannot start", async () => {
    const jobs = storedJobs("wallaby");
    const log = recordingLogger();
    await prepareDocuments(jobs, { elsewhere: numberWordsInWorker(log, "file:///nowhere/thread.ts") });
    expect(searchJobs(parseQuery("wallaby"), jobs)).toEqual(matching("wallaby", jobs));
    expect(log.at("warn").map((record) => record.message)).toEqual(["numbering stored jobs' words in a worker failed"]);
  });

  it("leaves this thread the jobs a worker that died did not number", async () => {
    const jobs = storedJobs("dingo");
    const log = recordingLogger();
    const dying = new URL("../fakes/failing-word-thread.ts", import.meta.url).href;
    await prepareDocuments(jobs, { elsewhere: numberWordsInWorker(log, dying) });
    expect(searchJobs(parseQuery("dingo"), jobs)).toEqual(matching("dingo", jobs));
    expect(log.at("warn")[0]?.fields).toMatchObject({ numbered: 250, of: 1200 });
  });
});
