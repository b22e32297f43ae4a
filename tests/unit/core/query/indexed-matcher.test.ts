import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Job } from "../../../../src/core/job.js";
import { silentLogger } from "../../../../src/core/logger.js";
import { createIndexedMatcher, indexedMatcher } from "../../../../src/core/query/indexed-matcher.js";
import { matcherOf, naiveMatcher, type JobMatches } from "../../../../src/core/query/matcher.js";
import { matchedPart, type Subscription } from "../../../../src/core/subscription.js";
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

/** A step of the subscriptions' life: some added, or some of those held removed (by position among them). */
const change = fc.oneof(
  { weight: 3, arbitrary: fc.record({ add: fc.array(query, { minLength: 1, maxLength: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ remove: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }) }) },
);

describe("the indexed matcher", () => {
  it("returns exactly what the naive loop returns, for random queries and jobs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(query, { minLength: 1, maxLength: 40 }),
        fc.array(job, { minLength: 1, maxLength: 8 }),
        async (queries, jobs) => {
          const subscriptions = queries.map((q) => makeSubscription({ query: q }));
          const naive = await matcherOf(naiveMatcher, subscriptions, silentLogger);
          const indexed = await matcherOf(indexedMatcher, subscriptions, silentLogger);
          for (const j of jobs) expect(explained(indexed.match(j))).toEqual(explained(naive.match(j)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("still returns what the naive loop returns as subscriptions come and go, one batch at a time", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(change, { minLength: 1, maxLength: 12 }),
        fc.array(job, { minLength: 1, maxLength: 4 }),
        async (changes, jobs) => {
          const naive = naiveMatcher(silentLogger);
          const indexed = indexedMatcher(silentLogger);
          let held: Subscription[] = [];
          for (const step of changes) {
            if ("add" in step) {
              const added = step.add.map((q) => makeSubscription({ query: q }));
              await naive.add(added);
              await indexed.add(added);
              held = [...held, ...added];
            } else {
              const ids = step.remove.map((n) => held[n % Math.max(1, held.length)]?.id ?? "none");
              naive.remove(ids);
              indexed.remove(ids);
              held = held.filter((s) => !ids.includes(s.id));
            }
            expect(indexed.size).toBe(held.length);
            for (const j of jobs) expect(explained(indexed.match(j))).toEqual(explained(naive.match(j)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("answers a subscription added again (moved to another chat) last, from its new chat", async () => {
    const subscriptions = ["rust", "rust remote"].map((q) => makeSubscription({ query: q, chat: "telegram:1" }));
    const matcher = await matcherOf(indexedMatcher, subscriptions, silentLogger);
    const moved = { ...(subscriptions[0] as Subscription), chat: "telegram:2" };
    await matcher.add([moved]);
    const matches = explained(matcher.match(makeJob({ title: "Rust engineer", remote: true })));
    expect(matches.map((m) => m.subscription)).toEqual(
      [subscriptions[1], moved].map((s) => matchedPart(s as Subscription)),
    );
    expect(matcher.size).toBe(2);
  });

  it("answers and removes every subscription by its id as given, numbered or not", async () => {
    const ids = ["12", "007", "sub-a", "0", "12345678901234567890"];
    const subscriptions = ids.map((id) => makeSubscription({ id, query: "rust" }));
    const matcher = await matcherOf(indexedMatcher, subscriptions, silentLogger);
    const rustJob = makeJob({ title: "Rust engineer" });
    expect(explained(matcher.match(rustJob)).map((m) => m.subscription.id)).toEqual(ids);
    matcher.remove(["007", "12345678901234567890", "7"]);
    expect(explained(matcher.match(rustJob)).map((m) => m.subscription.id)).toEqual(["12", "sub-a", "0"]);
    expect(matcher.size).toBe(3);
  });

  it("forgets a query's entry once its last subscription is removed, and files it afresh when it comes back", async () => {
    const first = makeSubscription({ query: "rust" });
    const matcher = await matcherOf(indexedMatcher, [first], silentLogger);
    matcher.remove([first.id]);
    const rustJob = makeJob({ title: "Rust engineer" });
    expect(matcher.match(rustJob).count).toBe(0);
    const again = makeSubscription({ query: "rust" });
    await matcher.add([again, makeSubscription({ query: "go" })]);
    expect(explained(matcher.match(rustJob)).map((m) => m.subscription)).toEqual([matchedPart(again)]);
  });

  it("leads a job only to the subscriptions filed under what the job contains", async () => {
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
    const matcher = createIndexedMatcher(silentLogger);
    await matcher.add(subscriptions);
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

  it("files a query under its rarest clause, so common words do not reach it", async () => {
    const common = Array.from({ length: 50 }, () => makeSubscription({ query: "remote" }));
    const rare = makeSubscription({ query: "remote elixir" });
    // Rarer among these subscriptions than remote, but a word nearly every posting has.
    const everywhere = makeSubscription({ query: "experience haskell" });
    const matcher = createIndexedMatcher(silentLogger);
    await matcher.add([...common, rare, everywhere]);
    const reached = matcher.reached(
      makeJob({ title: "Engineer", remote: true, tags: [], description: "Experience with Go" }),
    );
    expect(reached).toHaveLength(50);
    expect(reached).not.toContain(rare);
    expect(reached).not.toContain(everywhere);
  });

  it("evaluates a query shared by many subscriptions once and answers each, in subscription order", async () => {
    const subscriptions: Subscription[] = ["rust", "go", "rust", "rust remote"].map((q) =>
      makeSubscription({ query: q }),
    );
    const matches = explained(
      (await matcherOf(indexedMatcher, subscriptions, silentLogger)).match(
        makeJob({ title: "Rust engineer", remote: true }),
      ),
    );
    expect(matches.map((m) => m.subscription)).toEqual(
      [subscriptions[0], subscriptions[2], subscriptions[3]].map((s) => matchedPart(s as Subscription)),
    );
    expect(matches.map((m) => m.words)).toEqual([["rust"], ["rust"], ["rust", "remote"]]);
  });

  it("names a place as each subscription wrote it, though two spellings are the same place", async () => {
    const subscriptions = ["location:us", "location:usa", "rust|location:us", "rust|location:usa"].map((q) =>
      makeSubscription({ query: q }),
    );
    const matches = explained(
      (await matcherOf(indexedMatcher, subscriptions, silentLogger)).match(
        makeJob({ title: "Engineer", location: "USA Only" }),
      ),
    );
    expect(matches.map((m) => m.words)).toEqual([["location:us"], ["location:usa"], ["location:us"], ["location:usa"]]);
  });

  it("logs a stored query that no longer parses and matches the others", async () => {
    const log = recordingLogger();
    const broken = makeSubscription({ query: 'rust "unclosed' });
    const good = makeSubscription({ query: "rust" });
    const matches = (await matcherOf(indexedMatcher, [broken, good], log)).match(makeJob({ title: "Rust engineer" }));
    expect(explained(matches).map((m) => m.subscription)).toEqual([matchedPart(good)]);
    expect(log.at("warn")).toEqual([
      expect.objectContaining({
        message: "stored query no longer parses",
        fields: expect.objectContaining({ subscription: broken.id }),
      }),
    ]);
  });

  it("logs a stored query that no longer parses once while it is held, however many subscriptions and cycles", async () => {
    const log = recordingLogger();
    const matcher = indexedMatcher(log);
    await matcher.add([makeSubscription({ query: 'rust "unclosed' }), makeSubscription({ query: 'rust "unclosed' })]);
    await matcher.add([makeSubscription({ query: 'rust "unclosed' })]);
    matcher.match(makeJob());
    expect(log.at("warn")).toHaveLength(1);
  });
});
