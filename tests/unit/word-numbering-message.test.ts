import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { descriptionShelf } from "../../src/store/description-shelf.js";
import { jobsMessage, jobsOf } from "../../src/word-numbering-message.js";
import { makeJob } from "../fakes/builders.js";
import { recordingLogger } from "../fakes/recording-logger.js";

const shelf = descriptionShelf({ log: recordingLogger() });

afterEach(() => vi.restoreAllMocks());
afterAll(() => shelf.close());

describe("a batch of jobs sent to the word-numbering thread", () => {
  it("arrives whole: every field, and descriptions on the shelf or as strings", () => {
    const jobs = [
      ...shelf.holdAll([makeJob({ description: "Naïve “quotes” — and emoji 🦀" })]),
      makeJob({ description: "" }),
      makeJob({
        description: "Plain text",
        tags: ["rust", "go"],
        salary: { min: 1, max: 2, currency: "EUR", period: "year" },
      }),
    ];
    const { message, transfer } = jobsMessage(jobs);
    expect(transfer).toEqual([message.text.buffer, message.ends.buffer]);
    expect(jobsOf(structuredClone(message))).toEqual(jobs);
  });

  it("takes the job cache's descriptions as the bytes they are shelved as, decoding none", () => {
    const jobs = shelf.holdAll(Array.from({ length: 50 }, (_, i) => makeJob({ description: `Posting ${i} – remote` })));
    const decoding = vi.spyOn(Buffer.prototype, "toString");
    const { message } = jobsMessage(jobs);
    expect(decoding).not.toHaveBeenCalled();
    expect(jobsOf(message).map((job) => job.description)).toEqual(jobs.map((job) => job.description));
  });
});
