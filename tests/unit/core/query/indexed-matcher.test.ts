import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Job } from "../../../../src/core/job.js";
import { silentLogger } from "../../../../src/core/logger.js";
import { createIndexedMatcher, indexedMatcher } from "../../../../src/core/query/indexed-matcher.js";
import { naiveMatcher, type JobMatches, type ParsedQueries } from "../../../../src/core/query/matcher.js";
import { parseQuery } from "../../../../src/core/query/parse.js";
import type { Subscription } from "../../../../src/core/subscription.js";
import { makeJob, makeSubscription } from "../../../fakes/builders.js";
import { recordingLogger } from "../../../fakes/recording-logger.js";

const WORDS = [
  "rust",
  "go",
  "golang",
  "java",
  "javascript",
  "js",
  "node",
  "node.js",
  "c++",
  "c#",
  ".net",
  "react",
  "senior",
  "remote",
  "backend",
  "back-end",
  "front",
  "end",
  "machine",
  "learning",
  "ml",
  "devops",
  "kubernetes",
  "k8s",
  "python",
  "django",
  "engineer",
  "developer",
  "lead",
  "acme",
  "europe",
  "contract",
];
const FILLER = ["we", "are", "hiring", "a", "team", "of", "the", "and", "good", "google", "reactive", "javascripts"];
const LOCATIONS = [
  "Anywhere in the World",
  "Europe Only",
  "USA Only",
  "Remote EMEA",
  "Germany",
  "Remote - US/Canada",
  "Lisbon",
  "Remote",
];
const PLACES = ["europe", "usa", "us", "emea", "anywhere", "germany", "berlin"];
const FIELDS = ["title", "company", "location", "tag", "source", "type"];
const PREFIXES = ["dev", "kube", "rea", "ja", "py", "eng", "no", "c+", "go", "rust", "lead"];
const SALARIES = ["50k", "100k", "$120,000", "€90k", "150000"];
const DERIVED = ["level:senior", "level:junior", "level:lead", "level:mid", "closed:yes", "closed:no"];
const YEARS = ["years>=0", "years>=3", "years>=5", "years>15", "years<=2", "years<=5", "years<4", "years<=20"];
const TITLE_WORDS = ["Sr.", "Junior", "Lead", "Engineer II", "Staff", "Head of"];
const EXPERIENCE = [
  "",
  "",
  " 5+ years of experience.",
  " At least 2 years in Go.",
  " 3-5 years' experience",
  " 12 years of experience",
];

const word = fc.constantFrom(...WORDS);
const term = fc.oneof(
  { weight: 5, arbitrary: word },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`) },
  { weight: 1, arbitrary: fc.constantFrom(...PREFIXES).map((p) => `${p}*`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), word).map(([f, w]) => `${f}:${w}`) },
  { weight: 1, arbitrary: fc.constantFrom(...PLACES).map((p) => `location:${p}`) },
  { weight: 1, arbitrary: fc.constantFrom(...SALARIES).map((s) => `salary>=${s}`) },
  { weight: 1, arbitrary: fc.constantFrom(...DERIVED, ...YEARS) },
);
const clause = fc
  .tuple(fc.array(term, { minLength: 1, maxLength: 3 }), fc.constantFrom("|", " OR "))
  .map(([terms, or]) => terms.join(or));
const query = fc
  .tuple(clause, fc.array(fc.tuple(fc.boolean(), clause), { maxLength: 3 }))
  .map(([first, rest]) => [first, ...rest.map(([negated, c]) => `${negated ? "-" : ""}${c}`)].join(" "));

const text = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS, ...FILLER), { minLength: min, maxLength: max }).map((words) => words.join(" "));
const job = fc
  .record({
    title: fc
      .tuple(fc.option(fc.constantFrom(...TITLE_WORDS), { nil: "" }), text(1, 5))
      .map((parts) => parts.join(" ")),
    company: fc.constantFrom("Acme", "Globex", "Google"),
    location: fc.constantFrom(...LOCATIONS),
    remote: fc.boolean(),
    tags: fc.array(word, { maxLength: 3 }),
    description: fc.tuple(text(0, 40), fc.constantFrom(...EXPERIENCE)).map(([words, years]) => words + years),
    closedAt: fc.option(fc.constant(1), { nil: undefined }),
    source: fc.constantFrom("remoteok", "weworkremotely"),
    employmentType: fc.option(fc.constantFrom("Contract", "Full-Time"), { nil: undefined }),
    salary: fc.option(
      fc.record({
        min: fc.integer({ min: 20, max: 200_000 }),
        max: fc.integer({ min: 20, max: 300_000 }),
        currency: fc.constantFrom("USD", "EUR"),
        period: fc.constantFrom("year" as const, "hour" as const, "month" as const),
      }),
      { nil: undefined },
    ),
  })
  .map((fields) => makeJob(fields));

/** Every match with its words, so both matchers' answers compare whole. */
const explained = (matches: JobMatches) =>
  Array.from({ length: matches.count }, (_, i) => ({ subscription: matches.subscription(i), words: matches.words(i) }));

describe("the indexed matcher", () => {
  it("returns exactly what the naive loop returns, for random queries and jobs", () => {
    fc.assert(
      fc.property(
        fc.array(query, { minLength: 1, maxLength: 40 }),
        fc.array(job, { minLength: 1, maxLength: 8 }),
        (queries, jobs) => {
          const subscriptions = queries.map((q) => makeSubscription({ query: q }));
          const naive = naiveMatcher(subscriptions, silentLogger);
          const indexed = indexedMatcher(subscriptions, silentLogger);
          for (const j of jobs) expect(explained(indexed.match(j))).toEqual(explained(naive.match(j)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("leads a job only to the subscriptions filed under what the job contains", () => {
    const subscriptions = [
      "rust",
      "python",
      "title:senior",
      "go|zig",
      "kube*",
      "location:europe",
      "salary>=100k",
      "remote rust",
    ].map((q) => makeSubscription({ query: q }));
    const matcher = createIndexedMatcher(subscriptions, silentLogger);
    const reached = (fields: Partial<Job>) =>
      matcher
        .reached(makeJob({ tags: [], remote: false, location: "Lisbon", description: "", ...fields }))
        .map((s) => s.query);
    expect(reached({ title: "Rust developer" })).toEqual(["rust", "remote rust"]);
    expect(reached({ title: "Zig developer" })).toEqual(["go|zig"]);
    expect(reached({ title: "Engineer", description: "kubectl" })).toEqual(["kube*"]);
    expect(reached({ title: "Engineer", location: "Germany" })).toEqual(["location:europe"]);
    expect(reached({ title: "Accountant", description: "Spreadsheets" })).toEqual([]);
  });

  it("files a query under its rarest clause, so common words do not reach it", () => {
    const common = Array.from({ length: 50 }, () => makeSubscription({ query: "remote" }));
    const rare = makeSubscription({ query: "remote elixir" });
    // Rarer among these subscriptions than remote, but a word nearly every posting has.
    const everywhere = makeSubscription({ query: "experience haskell" });
    const matcher = createIndexedMatcher([...common, rare, everywhere], silentLogger);
    const reached = matcher.reached(
      makeJob({ title: "Engineer", remote: true, tags: [], description: "Experience with Go" }),
    );
    expect(reached).toHaveLength(50);
    expect(reached).not.toContain(rare);
    expect(reached).not.toContain(everywhere);
  });

  it("evaluates a query shared by many subscriptions once and answers each, in subscription order", () => {
    const subscriptions: Subscription[] = ["rust", "go", "rust", "rust remote"].map((q) =>
      makeSubscription({ query: q }),
    );
    const matches = explained(
      indexedMatcher(subscriptions, silentLogger).match(makeJob({ title: "Rust engineer", remote: true })),
    );
    expect(matches.map((m) => m.subscription)).toEqual([subscriptions[0], subscriptions[2], subscriptions[3]]);
    expect(matches.map((m) => m.words)).toEqual([["rust"], ["rust"], ["rust", "remote"]]);
  });

  it("names a place as each subscription wrote it, though two spellings are the same place", () => {
    const subscriptions = ["location:us", "location:usa", "rust|location:us", "rust|location:usa"].map((q) =>
      makeSubscription({ query: q }),
    );
    const matches = explained(
      indexedMatcher(subscriptions, silentLogger).match(makeJob({ title: "Engineer", location: "USA Only" })),
    );
    expect(matches.map((m) => m.words)).toEqual([["location:us"], ["location:usa"], ["location:us"], ["location:usa"]]);
  });

  it("logs a stored query that no longer parses and matches the others", () => {
    const log = recordingLogger();
    const broken = makeSubscription({ query: 'rust "unclosed' });
    const good = makeSubscription({ query: "rust" });
    const matches = indexedMatcher([broken, good], log).match(makeJob({ title: "Rust engineer" }));
    expect(explained(matches).map((m) => m.subscription)).toEqual([good]);
    expect(log.at("warn")).toEqual([
      expect.objectContaining({
        message: "stored query no longer parses",
        fields: expect.objectContaining({ subscription: broken.id }),
      }),
    ]);
  });

  it("takes queries already parsed from the previous build, and keeps only the texts still subscribed", () => {
    // Parsed from another text, so only a reused answer can make "rust" match a Go job.
    const parsed: ParsedQueries = new Map([
      ["rust", parseQuery("go")],
      ["python", parseQuery("python")],
    ]);
    const subscriptions = ["rust", "kotlin"].map((q) => makeSubscription({ query: q }));
    const matches = indexedMatcher(subscriptions, silentLogger, parsed).match(
      makeJob({ title: "Go engineer", description: "" }),
    );
    expect(explained(matches).map((m) => m.subscription)).toEqual([subscriptions[0]]);
    expect([...parsed.keys()]).toEqual(["rust", "kotlin"]);
  });

  it("logs a stored query that no longer parses once, not again on later builds while it stays stored", () => {
    const log = recordingLogger();
    const parsed: ParsedQueries = new Map();
    const broken = [makeSubscription({ query: 'rust "unclosed' }), makeSubscription({ query: 'rust "unclosed' })];
    indexedMatcher(broken, log, parsed);
    indexedMatcher(broken, log, parsed);
    // The subscriptions change (one more), so the index is built again: the broken text is still known.
    const more = [...broken, makeSubscription({ query: "go" })];
    const matches = indexedMatcher(more, log, parsed).match(makeJob({ title: "Go engineer", description: "" }));
    expect(explained(matches).map((m) => m.subscription)).toEqual([more[2]]);
    expect(log.at("warn")).toHaveLength(1);
    expect(parsed.get('rust "unclosed')).toBeInstanceOf(Error);
  });
});
