import { describe, expect, it } from "vitest";
import { describeQuery, parseQuery } from "../../../src/core/query/parse.js";
import { memoryStore } from "../../../src/store/memory-store.js";
import { makeCommit, makeJob } from "../../fakes/builders.js";
import { runNamed } from "../../fakes/run-command.js";

const CHAT = "telegram:1";

async function storeWith() {
  const store = memoryStore();
  await store.commitCycle(
    makeCommit({
      newJobs: [
        makeJob({ title: "Sr. Rust Engineer", description: "Build things." }),
        makeJob({ title: "Rust Engineer", description: "You have 6+ years of experience." }),
        makeJob({ title: "Junior Rust Developer", description: "1+ years of experience" }),
        makeJob({ title: "Staff Rust Engineer (closed)", description: "", closedAt: 1 }),
      ],
    }),
  );
  return store;
}

describe("level:, years and closed: in /latest", () => {
  it("finds jobs by the level their title states, or their stated experience when the title states none", async () => {
    const store = await storeWith();
    const senior = await runNamed("latest", { store, chat: CHAT, args: "rust level:senior" });
    expect(senior).toContain("Sr. Rust Engineer");
    expect(senior).toContain("• Rust Engineer");
    expect(senior).not.toContain("Junior");
  });

  it("compares the stated minimum experience with years>= and years<=", async () => {
    const store = await storeWith();
    const many = await runNamed("latest", { store, chat: CHAT, args: "rust years>=5" });
    expect(many).toContain("• Rust Engineer");
    expect(many).not.toContain("Sr. Rust");
    const few = await runNamed("latest", { store, chat: CHAT, args: "rust years<=3" });
    expect(few).toContain("Junior Rust Developer");
    expect(few).not.toContain("• Rust Engineer");
  });

  it("leaves closed jobs out unless the query says closed:yes", async () => {
    const store = await storeWith();
    expect(await runNamed("latest", { store, chat: CHAT })).not.toContain("Staff Rust");
    expect(await runNamed("latest", { store, chat: CHAT, args: "rust" })).not.toContain("Staff Rust");
    const closed = await runNamed("latest", { store, chat: CHAT, args: "rust closed:yes" });
    expect(closed).toContain("Staff Rust Engineer (closed)");
    expect(closed).not.toContain("Junior");
  });
});

describe("parsing the new fields", () => {
  it("explains a wrong value, and describes the fields in words", () => {
    expect(() => parseQuery("level:ninja")).toThrow(/level:intern, level:junior/);
    expect(() => parseQuery("closed:maybe")).toThrow(/closed:yes, closed:no/);
    expect(() => parseQuery("years=5")).toThrow(/years>=5/);
    expect(() => parseQuery("years>=40")).toThrow(/years>=15/);
    expect(() => parseQuery("years:5")).toThrow(/years>=5/);
    expect(describeQuery(parseQuery("rust level:senior years>=5 closed:yes"))).toBe(
      "jobs mentioning rust, with senior as the level, with at least 5 years of experience asked for, with their board no longer listing them",
    );
  });
});
