/**
 * Every form of the query language through the console adapter, as a person types it: /latest
 * lists exactly the stored jobs each form matches, /subscribe confirms the query in words with the
 * same count, and an alert names the words that matched.
 */
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultSettings, type SharedContext } from "../../../commands/command.js";
import { consoleAdapter } from "../../../src/adapters/console/console.js";
import { alertCycle } from "../../../src/core/alert-cycle.js";
import { silentLogger } from "../../../src/core/logger.js";
import { indexedMatcher } from "../../../src/core/query/indexed-matcher.js";
import { deliveryEngine } from "../../../src/delivery/dispatcher.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { manualTime } from "../../fakes/manual-time.js";
import { fakeSource, makeDraft } from "../../fakes/fake-source.js";

const JOBS = [
  makeDraft({
    title: "Senior Rust Engineer",
    company: "Acme",
    location: "Europe Only",
    tags: ["rust"],
    employmentType: "Full-Time",
    source: "weworkremotely",
    description: "Tokio, and machine learning on the side. Salary: $120k–$150k.",
  }),
  makeDraft({
    title: "Go Backend Developer",
    company: "Globex",
    location: "USA Only",
    tags: ["go", "kubernetes"],
    description: "Some Python and Django.",
  }),
  makeDraft({
    title: "Python Developer",
    company: "Initech",
    location: "Anywhere in the World",
    tags: ["python"],
    employmentType: "Contract",
    source: "remoteok",
    description: "Flask.",
    salary: { min: 70_000, max: 90_000, currency: "EUR", period: "year" },
  }),
  makeDraft({
    title: "DevOps Lead",
    company: "Hooli",
    location: "Germany",
    remote: false,
    tags: ["k8s"],
    description: "A machine learning platform. Rate: $55-$60/hour.",
  }),
  makeDraft({
    title: "JavaScript Engineer",
    company: "Acme",
    location: "Remote - US/Canada",
    description: "React and Node.js.",
  }),
];
const TITLES = JOBS.map((job) => job.title);

function pipeline() {
  const store = memoryStore();
  const clock = manualTime();
  const board = fakeSource(JOBS);
  const context: SharedContext = {
    store,
    clock,
    log: silentLogger,
    sources: [{ id: board.id, label: board.label }],
    settings: { ...defaultSettings, pageSize: 10 },
  };
  const cycle = alertCycle({ store, sources: [board], createMatcher: indexedMatcher, clock, log: silentLogger });

  /** Types one line into a fresh console and returns what it printed, alerts delivered meanwhile included. */
  async function type(line: string): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const adapter = consoleAdapter(input, output, context);
    input.end(`${line}\n`);
    await adapter.closed;
    return printed;
  }

  async function nextCycle(): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const adapter = consoleAdapter(input, output, context);
    await clock.advance(60_000);
    await cycle.run();
    await deliveryEngine({ store, transports: [adapter.transport], clock, timers: clock, log: silentLogger }).wake();
    await clock.runAll();
    input.end();
    await adapter.closed;
    return printed;
  }

  return { store, board, type, nextCycle };
}

const listed = (output: string) => TITLES.filter((title) => output.includes(`• ${title} —`));

describe("the query language in /latest and /subscribe, through the console", () => {
  const p = pipeline();
  beforeAll(() => p.nextCycle());

  it.each<[string, string[], string]>([
    ["rust remote", ["Senior Rust Engineer"], "jobs mentioning rust and remote"],
    ["python -django", ["Python Developer"], "jobs mentioning python, not django"],
    ['"machine learning"', ["Senior Rust Engineer", "DevOps Lead"], 'jobs mentioning "machine learning"'],
    ["ml", ["Senior Rust Engineer", "DevOps Lead"], "jobs mentioning ml"],
    ["rust|go backend", ["Go Backend Developer"], "jobs mentioning (rust or go) and backend"],
    [
      "rust OR python",
      ["Senior Rust Engineer", "Go Backend Developer", "Python Developer"],
      "jobs mentioning rust or python",
    ],
    ["devop*", ["DevOps Lead"], "jobs mentioning words starting with devop"],
    ["title:senior", ["Senior Rust Engineer"], "jobs with senior in the title"],
    ["company:acme", ["Senior Rust Engineer", "JavaScript Engineer"], "jobs with acme in the company name"],
    [
      "location:europe",
      ["Senior Rust Engineer", "Python Developer", "DevOps Lead"],
      "jobs located in europe or open worldwide",
    ],
    [
      "location:usa",
      ["Go Backend Developer", "Python Developer", "JavaScript Engineer"],
      "jobs located in usa or open worldwide",
    ],
    ["tag:kubernetes", ["Go Backend Developer", "DevOps Lead"], "jobs with kubernetes in the tags"],
    ["source:remoteok", ["Python Developer"], "jobs with remoteok in the source"],
    ["type:contract", ["Python Developer"], "jobs with contract in the job type"],
    ["salary>=120k", ["Senior Rust Engineer", "DevOps Lead"], "jobs paying at least $120,000 a year"],
    ["salary>=€80k", ["Python Developer"], "jobs paying at least €80,000 a year"],
    ["js|node.js -title:senior", ["JavaScript Engineer"], "jobs mentioning js or node.js, not senior in the title"],
  ])("%s", async (query, titles, words) => {
    expect(listed(await p.type(`/latest ${query}`))).toEqual(TITLES.filter((t) => titles.includes(t)));
    const confirmation = await p.type(`/subscribe ${query}`);
    expect(confirmation).toContain(`: ${words}.`);
    expect(confirmation).toContain(`${titles.length} of the jobs seen in the last 30 days match it`);
  });

  it("answers a malformed query with what to change, stores nothing, and keeps going", async () => {
    const before = await p.store.countSubscriptions();
    expect(await p.type('/subscribe rust "machine learning')).toMatch(
      /^Unclosed quote \(position 6\)\. Close it after the phrase/,
    );
    expect(await p.type("/latest foo:bar")).toMatch(/^Unknown field "foo:" \(position 1\)/);
    expect(await p.type("/subscribe rust 🦀")).toMatch(/"🦀" has no letters or digits \(position 6\)/);
    expect(await p.store.countSubscriptions()).toBe(before);
    expect(listed(await p.type("/latest"))).toHaveLength(JOBS.length);
  });
});

describe("alerts explain themselves", () => {
  it("name the words that matched, title and tag words first", async () => {
    const p = pipeline();
    await p.nextCycle();
    await p.type("/subscribe kubernetes title:lead location:europe");
    p.board.add(
      makeDraft({ title: "Platform Lead", location: "EMEA", description: "We run Kubernetes.", tags: ["terraform"] }),
    );
    const alert = await p.nextCycle();
    expect(alert).toContain("🔔 New job: Platform Lead");
    expect(alert).toContain("🔎 kubernetes title:lead location:europe (lead, kubernetes, location:europe)");
  });
});
