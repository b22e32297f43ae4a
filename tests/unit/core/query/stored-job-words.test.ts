import { describe, expect, it } from "vitest";
import type { Job } from "../../../../src/core/job.js";
import { jobDocument, queryMatches } from "../../../../src/core/query/match.js";
import { parseQuery } from "../../../../src/core/query/parse.js";
import { rememberWords, searchJobs } from "../../../../src/core/query/search.js";
import { SetWords } from "../../../../src/core/query/words.js";
import { StoredJobWords } from "../../../../src/core/query/stored-job-words.js";
import { WordNumbering } from "../../../../src/core/query/word-numbering.js";
import { makeJob } from "../../../fakes/builders.js";

const QUERIES = [
  "rust",
  "rust remote",
  "rust -remote",
  "remote -rust",
  "rust|elixir",
  "title:rust",
  "tag:elixir",
  "source:test",
  '"machine learning"',
  "ml",
  "golang",
  "ru*",
  "level:senior",
  "salary>=100k",
  "kotlin",
];

function jobs(seqFrom: number): Job[] {
  return [
    makeJob({ title: "Rust engineer", remote: false, tags: [] }),
    makeJob({ title: "Senior Go developer", description: "Golang services, applied machine learning." }),
    makeJob({ title: "Elixir developer", tags: ["elixir", "rust"] }),
    makeJob({ title: "Data scientist", description: "Machine tools and learning.", remote: false }),
    makeJob({ title: "Kotlin developer", description: "Rust is a plus. Salary $120,000 a year." }),
  ].map((job, i) => Object.freeze({ ...job, seq: seqFrom + i }));
}

const matching = (query: string, list: readonly Job[]) =>
  list.filter((job) => queryMatches(parseQuery(query), jobDocument(job))).map((job) => job.id);

describe("the words of stored jobs (/latest and /subscribe test only the jobs they name)", () => {
  it("names every job a query matches, and for plain words exactly those", () => {
    const list = jobs(1);
    const index = new StoredJobWords();
    for (const job of list) index.add(job);
    for (const query of QUERIES) {
      const named = index.candidates(parseQuery(query));
      const expected = matching(query, list);
      if (!named) continue;
      const ids = list.filter((job) => named.seqs.has(job.seq)).map((job) => job.id);
      if (named.exact) expect(ids, query).toEqual(expected);
      else expect(ids, query).toEqual(expect.arrayContaining(expected));
    }
    expect(index.candidates(parseQuery("rust remote"))?.exact).toBe(true);
    expect(index.candidates(parseQuery("kotlin"))?.seqs.size).toBe(1);
  });

  it("finds what testing every job finds, after merges replace jobs and pruning drops them", () => {
    const list = jobs(100);
    for (const query of QUERIES)
      expect(
        searchJobs(parseQuery(query), list).map((j) => j.id),
        query,
      ).toEqual(matching(query, list));
    // A merge replaces a job under its seq with other words: the old words must not answer for it.
    const merged = list.map((job, i) =>
      i === 0
        ? Object.freeze({
            ...job,
            title: "Kotlin engineer",
            description: "Kotlin only.",
            remote: true,
            tags: ["elixir"],
          })
        : job,
    );
    for (const query of QUERIES)
      expect(
        searchJobs(parseQuery(query), merged).map((j) => j.id),
        query,
      ).toEqual(matching(query, merged));
    const pruned = merged.slice(2);
    for (const query of QUERIES)
      expect(
        searchJobs(parseQuery(query), pruned).map((j) => j.id),
        query,
      ).toEqual(matching(query, pruned));
  });
});

describe("many stored jobs", () => {
  it("names every job of a common word, and forgets pruned jobs once they outnumber the kept ones", () => {
    const index = new StoredJobWords();
    const many = Array.from({ length: 1500 }, (_, i) =>
      Object.freeze({ ...makeJob({ title: i % 3 === 0 ? "Rust engineer" : "Go engineer" }), seq: 10_000 + i }),
    );
    for (const job of many) index.add(job);
    const seqsOf = (query: string) => [...(index.candidates(parseQuery(query))?.seqs ?? [])].sort((a, b) => a - b);
    expect(seqsOf("engineer")).toEqual(many.map((job) => job.seq));
    expect(seqsOf("rust engineer")).toEqual(many.filter((_, i) => i % 3 === 0).map((job) => job.seq));
    const kept = many.slice(-100);
    index.keepOnly(kept);
    expect(seqsOf("engineer")).toEqual(kept.map((job) => job.seq));
    // A pruned job seen again (a search of every stored job, closed ones too) is added back.
    expect(index.has(many[0] as Job)).toBe(false);
    index.add(many[0] as Job);
    expect(seqsOf("rust")).toEqual(
      [many[0] as Job, ...kept.filter((job) => job.title.startsWith("Rust"))].map((j) => j.seq),
    );
  });

  it("keeps postings whose blocks lie in several chunks of its arrays", () => {
    const index = new StoredJobWords();
    // 400 words of its own per job: 120,000 words' first blocks fill more than one chunk, and the
    // blocks of the words every job has are spread over all of them.
    const many = Array.from({ length: 300 }, (_, i) =>
      Object.freeze({
        ...makeJob({
          title: i % 2 === 0 ? "Rust engineer" : "Go engineer",
          description: Array.from({ length: 400 }, (_, k) => `w${i}x${k}`).join(" "),
        }),
        seq: 20_000 + i,
      }),
    );
    for (const job of many) index.add(job);
    const seqsOf = (query: string) => [...(index.candidates(parseQuery(query))?.seqs ?? [])].sort((a, b) => a - b);
    expect(seqsOf("engineer")).toEqual(many.map((job) => job.seq));
    expect(seqsOf("rust")).toEqual(many.filter((_, i) => i % 2 === 0).map((job) => job.seq));
    expect(seqsOf("w299x399")).toEqual([20_299]);
  });
});

describe("words the alert cycle gives (rememberWords)", () => {
  it("answers for the store's copy of a job from the words the cycle's document had, without analysing it", () => {
    const job = Object.freeze({ ...makeJob({ title: "Rust engineer" }), seq: 900_001 });
    // Words the job's text does not have: only if they were kept can a search find it by them.
    rememberWords(job, { words: new SetWords(new Set(["zebra"])) });
    const storedCopy = Object.freeze({ ...job });
    expect(searchJobs(parseQuery("zebra"), [storedCopy])).toEqual([storedCopy]);
  });
});

describe("words numbered elsewhere (a worker thread at start)", () => {
  it("index the jobs as the words found here do, across batches that share words", () => {
    const list = [...jobs(200), ...jobs(300)];
    const found = new StoredJobWords();
    for (const job of list) found.add(job);
    const numbering = new WordNumbering();
    const numbered = new StoredJobWords();
    const ids: number[] = [];
    for (const batch of [list.slice(0, 3), list.slice(3, 4), list.slice(4)])
      numbered.addNumbered(batch, numbering.number(batch), ids);
    for (const query of QUERIES) {
      const expected = found.candidates(parseQuery(query));
      const got = numbered.candidates(parseQuery(query));
      expect(got && { exact: got.exact, seqs: [...got.seqs].sort() }, query).toEqual(
        expected && { exact: expected.exact, seqs: [...expected.seqs].sort() },
      );
    }
    expect(list.every((job) => numbered.has(job))).toBe(true);
  });

  it("skip a job indexed meanwhile, and take a merged job's other version as a rewrite", () => {
    const [job, other] = jobs(400) as [Job, Job];
    const index = new StoredJobWords();
    index.add(job);
    const merged = Object.freeze({ ...other, seq: job.seq });
    const batch = [job, merged];
    index.addNumbered(batch, new WordNumbering().number(batch), []);
    expect(index.isRewritten(job.seq)).toBe(true);
    expect([...(index.candidates(parseQuery(merged.title.split(" ")[0] as string))?.seqs ?? [])]).toEqual([job.seq]);
  });
});
