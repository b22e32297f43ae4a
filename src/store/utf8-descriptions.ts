/**
 * Jobs whose description is held as UTF-8 (the PostgreSQL job cache, job-cache.ts): nine real
 * postings in ten have a character outside Latin-1 (’ • –), for which V8 keeps the whole text at
 * two bytes a character, so 50,000 descriptions took 420 MB as strings and take 220 MB as UTF-8
 * (issue 16 asks for under 1 GB in all). The text is read back when asked, in microseconds: for the
 * few jobs an alert or a page shows. The bytes themselves go to the worker numbering the stored
 * jobs' words at start (word-numbering-message.ts), which saved the main thread decoding them all.
 */
import type { Job } from "../core/job.js";
import { deepFreeze } from "./data.js";

const held = new WeakMap<object, Buffer>();

/**
 * One getter for every job, added to a record without the property: redefining the property, or
 * a getter per job, gave every job a shape of its own, and every read of any field of a job (50,000
 * per /latest) went the slow way.
 */
const DESCRIPTION: PropertyDescriptor = {
  get(this: object): string {
    return held.get(this)?.toString("utf8") ?? "";
  },
  enumerable: true,
};

/** A frozen copy of the job whose description is held as UTF-8. */
export function withUtf8Description({ description, ...job }: Job): Job {
  for (const value of Object.values(job)) deepFreeze(value);
  held.set(job, Buffer.from(description, "utf8"));
  return Object.freeze(Object.defineProperty(job, "description", DESCRIPTION)) as Job;
}

/** The UTF-8 bytes of a description withUtf8Description holds; undefined for any other job. */
export function utf8DescriptionOf(job: Job): Buffer | undefined {
  return held.get(job);
}
