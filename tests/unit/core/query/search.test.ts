import { describe, expect, it } from "vitest";
import { parseQuery } from "../../../../src/core/query/parse.js";
import { prepareDocuments, searchJobs, storedJobDocument } from "../../../../src/core/query/search.js";
import { makeJob } from "../../../fakes/builders.js";

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
    await prepareDocuments(jobs, 2);
    events.push("prepared");
    expect(events).toEqual(["other work", "prepared"]);
    expect(searchJobs(parseQuery("engineer"), jobs)).toEqual(jobs);
  });

  it("finds phrases in kept documents, whose word sequences are not kept", () => {
    const jobs = [
      makeJob({ description: "Applied machine learning" }),
      makeJob({ description: "Learning machine tools" }),
    ];
    expect(searchJobs(parseQuery('"machine learning"'), jobs)).toEqual([jobs[0]]);
  });
});
