import { describe, expect, it } from "vitest";
import type { Job } from "../../../../src/core/job.js";
import { compactDocument, jobDocument } from "../../../../src/core/query/match.js";
import { matchQuery } from "../../../fakes/match-query.js";
import { parseQuery } from "../../../../src/core/query/parse.js";
import { makeJob } from "../../../fakes/builders.js";

type JobFields = Partial<Job>;

/** A job with nothing but what the row names (no default tags or description). */
function job(fields: JobFields): Job {
  return makeJob({
    title: "Engineer",
    company: "Acme",
    location: "Berlin",
    remote: false,
    tags: [],
    description: "",
    ...fields,
  });
}

function matches(query: string, fields: JobFields): boolean {
  const result = matchQuery(parseQuery(query), jobDocument(job(fields))) !== null;
  // The compact form /latest keeps must agree on every row.
  expect(matchQuery(parseQuery(query), compactDocument(job(fields))) !== null).toBe(result);
  return result;
}

describe("every form of the query language (docs/ARCHITECTURE.md, The query language)", () => {
  it.each<[string, string, JobFields, boolean]>([
    ["word word: all of them", "rust remote", { title: "Rust engineer", remote: true }, true],
    ["word word: all of them", "rust remote", { title: "Rust engineer", remote: false }, false],
    ["word word: all of them", "rust berlin", { title: "Rust engineer", location: "Berlin" }, true],
    ["-word: none of these", "python -django", { title: "Python developer", description: "We use Django" }, false],
    ["-word: none of these", "python -django", { title: "Python developer", description: "We use Flask" }, true],
    [
      "-a|b: none of the alternatives",
      "python -django|flask",
      { title: "Python developer", description: "We use Flask" },
      false,
    ],
    ['"a phrase": the words in this order', '"machine learning"', { description: "Machine learning at scale" }, true],
    [
      '"a phrase": the words in this order',
      '"machine learning"',
      { description: "Learning about machine parts" },
      false,
    ],
    ['"a phrase": an equivalent phrase counts', '"machine learning"', { title: "ML engineer" }, true],
    [
      '"a phrase": an equivalent phrase counts',
      '"senior machine learning engineer"',
      { title: "Senior ML Engineer" },
      true,
    ],
    [
      '"a phrase": an equivalent phrase counts',
      '"senior ml engineer"',
      { title: "Senior Machine Learning Engineer" },
      true,
    ],
    ['"a phrase": not across fields', '"acme engineer"', { title: "Engineer", company: "Acme" }, false],
    ["a|b: any of them", "rust|go backend", { title: "Go backend engineer" }, true],
    ["a|b: any of them", "rust|go backend", { title: "Java backend engineer" }, false],
    ["a OR b: any of them", "rust OR go", { title: "Senior Go engineer" }, true],
    ["a or b: any of them", "rust or go", { title: "Senior Rust engineer" }, true],
    ["word*: prefix", "devop*", { title: "DevOps engineer" }, true],
    ["word*: prefix", "devop*", { title: "Developer" }, false],
    ["word*: prefix of a spelling", "golan*", { title: "Golang developer" }, true],
    ["title: the term in the title", "title:senior", { title: "Senior engineer" }, true],
    ["title: the term in the title", "title:senior", { title: "Engineer", description: "You are senior" }, false],
    ["title: a phrase in the title", 'title:"staff engineer"', { title: "Staff Engineer, Payments" }, true],
    ["title: a prefix in the title", "title:devop*", { title: "DevOps lead" }, true],
    ["company:", "company:acme", { company: "ACME Corp" }, true],
    ["company:", "company:acme", { company: "Globex", description: "Formerly at Acme" }, false],
    ["location:", "location:berlin", { location: "Berlin, Germany" }, true],
    ["location:", "location:remote", { location: "Anywhere", remote: true }, true],
    ["location:europe", "location:europe", { location: "Europe Only" }, true],
    ["location:europe", "location:europe", { location: "Remote EMEA" }, true],
    ["location:europe", "location:europe", { location: "Anywhere in the World" }, true],
    ["location:europe", "location:europe", { location: "Lithuania - Remote" }, true],
    ["location:europe", "location:europe", { location: "USA Only" }, false],
    ["location:usa", "location:usa", { location: "USA Only" }, true],
    ["location:usa", "location:usa", { location: "US" }, true],
    ["location:usa", "location:usa", { location: "Philadelphia, Pennsylvania, United States" }, true],
    ["location:usa", "location:usa", { location: "Anywhere in the World" }, true],
    ["location:usa", "location:usa", { location: "Europe Only" }, false],
    ["location:usa", "location:us", { location: "North America Only" }, true],
    ["location:worldwide", "location:worldwide", { location: "Anywhere in the World" }, true],
    ["location:worldwide", "location:worldwide", { location: "USA Only" }, false],
    ["tag:", "tag:kubernetes", { tags: ["Kubernetes", "AWS"] }, true],
    ["tag:", "tag:kubernetes", { description: "Kubernetes" }, false],
    ["tags: is tag:", "tags:k8s", { tags: ["Kubernetes"] }, true],
    ["source:", "source:weworkremotely", { source: "weworkremotely" }, true],
    ["source:", 'source:"we work remotely"', { source: "weworkremotely" }, true],
    ["source:", "source:remoteok", { source: "weworkremotely" }, false],
    ["type:", "type:contract", { employmentType: "Contract" }, true],
    ["type:", "type:full-time", { employmentType: "Full-Time" }, true],
    ["type:", "type:full-time", { employmentType: "full_time" }, true],
    ["type:", "type:contract", { employmentType: "Full-Time", description: "no contract" }, false],
    ["salary>=", "salary>=120k", { salary: { min: 100_000, max: 130_000, currency: "USD", period: "year" } }, true],
    ["salary>=", "salary>=120k", { salary: { min: 90_000, max: 110_000, currency: "USD", period: "year" } }, false],
    ["salary>=", "salary>=$120,000", { salary: { min: 120_000, currency: "USD", period: "year" } }, true],
    ["salary>= annualised", "salary>=120000", { salary: { min: 60, max: 70, currency: "USD", period: "hour" } }, true],
    [
      "salary>= annualised",
      "salary>=120k",
      { salary: { min: 9_000, max: 9_500, currency: "USD", period: "month" } },
      false,
    ],
    ["salary>= without a stated salary", "salary>=10k", { description: "Great pay" }, false],
    [
      "salary>= in its currency",
      "salary>=€90k",
      { salary: { min: 80_000, max: 110_000, currency: "EUR", period: "year" } },
      true,
    ],
    [
      "salary>= in its currency",
      "salary>=90k",
      { salary: { min: 80_000, max: 110_000, currency: "EUR", period: "year" } },
      false,
    ],
    [
      "fields and words together",
      "rust title:senior location:europe salary>=100k -crypto",
      {
        title: "Senior Rust Engineer",
        location: "Europe Only",
        salary: { min: 90_000, max: 120_000, currency: "USD", period: "year" },
      },
      true,
    ],
  ])("%s: %s against %o matches: %s", (_, query, fields, expected) => {
    expect(matches(query, fields)).toBe(expected);
  });
});

describe("words, not substrings", () => {
  it.each<[string, JobFields, boolean]>([
    ["java", { title: "JavaScript developer" }, false],
    ["java", { title: "Senior Java developer" }, true],
    ["go", { title: "Engineer", company: "Google" }, false],
    ["go", { description: "Good communication" }, false],
    ["go", { title: "Backend engineer (Go)" }, true],
    ["golang", { title: "Go developer" }, true],
    ["react", { description: "A reactive system" }, false],
    ["react", { title: "React developer" }, true],
    ["c", { title: "C++ developer" }, false],
    ["c++", { title: "C developer" }, false],
    ["c++", { title: "Embedded C/C++ developer" }, true],
    ["c#", { description: "C#/.NET stack" }, true],
    [".net", { description: "C#/.NET stack" }, true],
    ["node", { tags: ["Node.js"] }, true],
    ["ml", { description: "applied machine learning" }, true],
    ["frontend", { title: "Front-end developer" }, true],
    ["RUST", { title: "rust engineer" }, true],
    ["cafe", { location: "Café Street" }, true],
  ])("%s against %o matches: %s", (query, fields, expected) => {
    expect(matches(query, fields)).toBe(expected);
  });

  it("searches title, company, location, category, tags, type and the whole description", () => {
    expect(matches("acme", { company: "Acme" })).toBe(true);
    expect(matches("lisbon", { location: "Lisbon" })).toBe(true);
    expect(matches("devops", { category: "DevOps and Sysadmin" })).toBe(true);
    expect(matches("kubernetes", { tags: ["Kubernetes"] })).toBe(true);
    expect(matches("contract", { employmentType: "Contract" })).toBe(true);
    expect(matches("erlang", { description: `${"words ".repeat(5000)}erlang` })).toBe(true);
  });

  it("matches remote on every job its source marks remote, whatever the text says", () => {
    expect(matches("remote", { title: "Engineer", remote: true, location: "Lisbon" })).toBe(true);
    expect(matches("remote", { title: "Engineer", remote: false, location: "Paris" })).toBe(false);
  });
});

describe("explaining a match", () => {
  const explain = (query: string, fields: JobFields) => matchQuery(parseQuery(query), jobDocument(job(fields)));

  it("names the matched words, title and tag words first", () => {
    expect(explain("tokio rust", { title: "Engineer", tags: ["rust"], description: "we like tokio" })).toEqual([
      "rust",
      "tokio",
    ]);
    expect(explain("remote title:senior", { title: "Senior engineer", remote: true })).toEqual(["senior", "remote"]);
  });

  it("names the alternatives that matched, the words a prefix found, phrases whole, and places as asked", () => {
    expect(explain("rust|go|zig", { title: "Go and Zig engineer" })).toEqual(["go", "zig"]);
    expect(explain("kube*", { description: "Kubernetes, kubectl" })).toEqual(["kubectl", "kubernetes"]);
    expect(explain('"machine learning"', { title: "ML engineer" })).toEqual(["ml"]);
    expect(explain("rust location:europe", { title: "Rust", location: "EMEA" })).toEqual(["rust", "location:europe"]);
  });

  it("says nothing for what did not match, nor for exclusions", () => {
    expect(explain("rust -php", { title: "Rust" })).toEqual(["rust"]);
    expect(explain("rust", { title: "Go" })).toBeNull();
  });
});
