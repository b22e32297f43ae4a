import { setImmediate as tick } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { Job } from "../../../src/core/job.js";
import {
  copyDescriptions,
  descriptionBytesOf,
  descriptionShelf,
  tempFiles,
  type DescriptionShelf,
  type ShelfFiles,
} from "../../../src/store/description-shelf.js";
import { makeJob } from "../../fakes/builders.js";
import { collector } from "../../fakes/collector.js";
import { recordingLogger } from "../../fakes/recording-logger.js";

/** The real temporary files, with what was done to them counted. */
function countedFiles(faults: { write?: Error } = {}) {
  const seen = { created: 0, closed: 0, written: 0, writes: 0, reads: 0 };
  const files: ShelfFiles = {
    create: () => {
      seen.created += 1;
      return tempFiles.create();
    },
    write: (fd, bytes, position) => {
      if (faults.write) throw faults.write;
      seen.written += bytes.length;
      seen.writes += 1;
      tempFiles.write(fd, bytes, position);
    },
    read: (fd, into, position) => {
      seen.reads += 1;
      return tempFiles.read(fd, into, position);
    },
    close: (fd, unlinkOnClose) => {
      seen.closed += 1;
      tempFiles.close(fd, unlinkOnClose);
    },
  };
  return { files, seen };
}

/** One job on the shelf, written on its own. */
const holdOne = (shelf: DescriptionShelf, job: Job): Job => shelf.holdAll([job])[0] as Job;

describe("the job cache's description shelf", () => {
  it("gives back every description from its file, and every other field as it was", () => {
    const { files, seen } = countedFiles();
    const shelf = descriptionShelf({ log: recordingLogger(), files });
    const originals = [
      makeJob({ description: "Naïve “quotes” — and emoji 🦀" }),
      makeJob({ description: "" }),
      makeJob({ description: "x".repeat(40_000), tags: ["rust"] }),
    ];
    const held = originals.map((job) => holdOne(shelf, job));

    expect(held).toEqual(originals);
    expect(held.every(Object.isFrozen)).toBe(true);
    expect(seen.written).toBe(originals.reduce((sum, job) => sum + Buffer.byteLength(job.description), 0));
    expect(descriptionBytesOf(held[0] as Job)?.toString("utf8")).toBe(originals[0]?.description);
    shelf.close();
  });

  it("writes a page of descriptions in one call and gives them back for the worker in one", () => {
    const { files, seen } = countedFiles();
    const shelf = descriptionShelf({ log: recordingLogger(), files });
    const originals = ["Naïve “quotes”", "", "Rust – remote 🦀", "plain"].map((description) =>
      makeJob({ description }),
    );
    const held = shelf.holdAll(originals);
    expect(seen.writes).toBe(1);

    const between = makeJob({ description: "not on the shelf" });
    const jobs = [...held, between];
    const { text, ends } = copyDescriptions(jobs);
    expect(seen.reads).toBe(1);
    const decoder = new TextDecoder();
    const texts = jobs.map((_, i) => decoder.decode(text.subarray(ends[i - 1] ?? 0, ends[i])));
    expect(texts).toEqual(jobs.map((job) => job.description));
    shelf.close();
  });

  it("starts a new file past the segment size and closes a full one once its jobs are collected", async () => {
    const gc = collector();
    const { files, seen } = countedFiles();
    const shelf = descriptionShelf({ log: recordingLogger(), files, segmentBytes: 1_000 });
    let first: Job[] | undefined = Array.from({ length: 3 }, (_, i) =>
      holdOne(shelf, makeJob({ description: `${i}`.repeat(400) })),
    );
    const kept = holdOne(shelf, makeJob({ description: "kept ".repeat(100) }));
    expect(seen.created).toBe(2);
    expect(first.map((job) => job.description[0])).toEqual(["0", "1", "2"]);

    first = undefined;
    for (let i = 0; i < 20 && seen.closed === 0; i++) {
      gc();
      await tick();
    }
    expect(seen.closed).toBe(1);
    expect(kept.description).toBe("kept ".repeat(100));
    shelf.close();
  });

  it("holds descriptions in memory, with one warning, once its file cannot be written", () => {
    const log = recordingLogger();
    const { files, seen } = countedFiles({ write: Object.assign(new Error("no space left"), { code: "ENOSPC" }) });
    const shelf = descriptionShelf({ log, files });
    const held = [
      holdOne(shelf, makeJob({ description: "first" })),
      holdOne(shelf, makeJob({ description: "second" })),
    ];

    expect(held.map((job) => job.description)).toEqual(["first", "second"]);
    expect(log.at("warn")).toHaveLength(1);
    expect(log.at("warn")[0]?.message).toMatch(/held in memory/);
    // The file that failed holds no job: it is closed at once, not kept open until the shelf is.
    expect(seen).toMatchObject({ created: 1, closed: 1 });
    shelf.close();
  });

  it("holds in memory, opening no file, what comes after it is closed", () => {
    const { files, seen } = countedFiles();
    const shelf = descriptionShelf({ log: recordingLogger(), files });
    shelf.close();
    const late = holdOne(shelf, makeJob({ description: "a pull that ended after the store closed" }));

    expect(late.description).toBe("a pull that ended after the store closed");
    expect(seen.created).toBe(0);
  });

  it("says so when a file gives back less than it was given, rather than a wrong description", () => {
    const { files } = countedFiles();
    const shelf = descriptionShelf({ log: recordingLogger(), files: { ...files, read: () => 3 } });
    const held = holdOne(shelf, makeJob({ description: "a whole description" }));

    expect(() => held.description).toThrow(/cut short/);
    shelf.close();
  });
});
