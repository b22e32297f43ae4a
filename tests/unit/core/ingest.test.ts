import { describe, expect, it } from "vitest";
import { ingest, type KnownJobs } from "../../../src/core/ingest.js";
import { silentLogger } from "../../../src/core/logger.js";
import { makeDraft } from "../../fakes/fake-source.js";
import { T0 } from "../../fakes/builders.js";

const nothingStored: KnownJobs = { findSameJob: async () => undefined, wasPruned: async () => false };
const run = (drafts: ReturnType<typeof makeDraft>[]) =>
  ingest([{ sourceId: "batch", drafts, announce: true }], nothingStored, { now: T0, lastSeq: 0, log: silentLogger });

describe("ingest", () => {
  it("keeps two postings of one board with the same company and title apart (two cities)", async () => {
    const omaha = makeDraft({
      id: "remoteok:1",
      source: "remoteok",
      company: "Acme",
      title: "Claims Adjuster",
      location: "Omaha",
    });
    const chicago = makeDraft({
      id: "remoteok:2",
      source: "remoteok",
      company: "Acme",
      title: "Claims Adjuster",
      location: "Chicago",
    });
    const { newJobs } = await run([omaha, chicago]);
    expect(newJobs.map((job) => job.id)).toEqual(["remoteok:1", "remoteok:2"]);
  });

  it("merges another board's copy of a posting into the first, tags once whatever their case", async () => {
    const first = makeDraft({
      id: "remoteok:1",
      source: "remoteok",
      company: "Acme",
      title: "Rust Engineer",
      tags: ["Rust"],
    });
    const copy = makeDraft({
      id: "remotive:9",
      source: "remotive",
      company: "Acme",
      title: "Rust Engineer",
      tags: ["rust", "Go"],
    });
    const { newJobs } = await run([first, copy]);
    expect(newJobs.map((job) => job.id)).toEqual(["remoteok:1"]);
    expect(newJobs[0]?.tags).toEqual(["Rust", "Go"]);
  });
});
