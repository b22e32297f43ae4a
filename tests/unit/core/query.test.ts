import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { jobDocument, matchQuery } from "../../../src/core/query/match.js";
import { describeQuery, parseQuery } from "../../../src/core/query/parse.js";
import { makeJob } from "../../fakes/builders.js";

function matches(query: string, job: Parameters<typeof makeJob>[0]): boolean {
  return matchQuery(parseQuery(query), jobDocument(makeJob({ tags: [], description: "", ...job }))) !== null;
}

describe("word matching", () => {
  it.each([
    ["java", { title: "JavaScript developer" }, false],
    ["java", { title: "Senior Java developer" }, true],
    ["go", { title: "Engineer", company: "Google" }, false],
    ["go", { title: "Engineer", description: "Good communication" }, false],
    ["go", { title: "Backend engineer (Go)" }, true],
    ["react", { title: "Engineer", description: "A reactive system" }, false],
    ["react", { title: "React developer" }, true],
    ["RUST", { title: "rust engineer" }, true],
    ["rust", { title: "RUST ENGINEER" }, true],
    ["cafe", { title: "Engineer", location: "Café Street" }, true],
  ] as const)("%s against %o matches: %s", (query, job, expected) => {
    expect(matches(query, job)).toBe(expected);
  });

  it("requires every word (AND)", () => {
    expect(matches("rust remote", { title: "Rust engineer", remote: false, location: "Berlin" })).toBe(false);
    expect(matches("rust berlin", { title: "Rust engineer", location: "Berlin" })).toBe(true);
  });

  it("lets -word exclude a job", () => {
    expect(matches("python -django", { title: "Python developer", description: "We use Django" })).toBe(false);
    expect(matches("python -django", { title: "Python developer", description: "We use Flask" })).toBe(true);
  });

  it("searches title, company, location, category, tags and the whole description", () => {
    expect(matches("acme", { company: "Acme" })).toBe(true);
    expect(matches("lisbon", { location: "Lisbon" })).toBe(true);
    expect(matches("devops", { category: "DevOps and Sysadmin" })).toBe(true);
    expect(matches("kubernetes", { tags: ["Kubernetes"] })).toBe(true);
    expect(matches("erlang", { description: `${"words ".repeat(5000)}erlang` })).toBe(true);
  });

  it("matches remote on every job its source marks remote", () => {
    expect(matches("remote", { title: "Engineer", remote: true })).toBe(true);
    expect(matches("remote", { title: "Engineer", remote: false, location: "Paris" })).toBe(false);
  });

  it("reports the matched words with title and tag words first", () => {
    const doc = jobDocument(makeJob({ title: "Engineer", tags: ["rust"], description: "we like tokio" }));
    expect(matchQuery(parseQuery("tokio rust"), doc)).toEqual(["rust", "tokio"]);
  });
});

describe("parsing queries", () => {
  it.each([
    ["", /empty/],
    ["   ", /empty/],
    ['"machine learning', /unclosed quote/],
    ["rust -", /lone "-"/],
    ["-php -java", /only exclusions/],
    ["x".repeat(201), /limit is 200/],
    [Array.from({ length: 21 }, (_, i) => `w${i}`).join(" "), /limit is 20/],
    ["!!! ???", /no words/],
  ])("refuses %j with a sentence saying what to change", (query, message) => {
    expect(() => parseQuery(query)).toThrow(UserError);
    expect(() => parseQuery(query)).toThrow(message);
  });

  it("describes the query back in words", () => {
    expect(describeQuery(parseQuery("rust remote -php"))).toBe("jobs mentioning rust and remote, not php");
  });
});
