/**
 * A batch of stored jobs as word-numbering-worker.ts sends it to its thread: the jobs without their
 * descriptions, and the descriptions as one block of UTF-8, handed over rather than copied. Sent
 * whole, every job was cloned with its description read, which for the job cache's jobs
 * (description-shelf.ts) meant decoding it on the main thread first: 1.1 s of a start with 50,000
 * stored jobs; their bytes are copied from the shelf's file as they are.
 */
import type { Job } from "./core/job.js";
import { copyDescriptions } from "./store/description-shelf.js";

export interface JobsMessage {
  /** The jobs, each with an empty description. */
  jobs: Job[];
  /** The descriptions' UTF-8, one after another. */
  text: Uint8Array<ArrayBuffer>;
  /** Where each job's description ends in `text`. */
  ends: Int32Array<ArrayBuffer>;
}

/** The message for these jobs, and the buffers to hand over with it. */
export function jobsMessage(jobs: readonly Job[]): { message: JobsMessage; transfer: ArrayBuffer[] } {
  const { text, ends } = copyDescriptions(jobs);
  return { message: { jobs: jobs.map(withoutDescription), text, ends }, transfer: [text.buffer, ends.buffer] };
}

/** The jobs a message carries, descriptions included. */
export function jobsOf({ jobs, text, ends }: JobsMessage): Job[] {
  const decoder = new TextDecoder();
  return jobs.map((job, i) => ({ ...job, description: decoder.decode(text.subarray(ends[i - 1] ?? 0, ends[i])) }));
}

/** The job's fields but its description, which is never read: reading the job cache's decodes it. */
function withoutDescription(job: Job): Job {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(job)) if (key !== "description") fields[key] = job[key as keyof Job];
  return { ...(fields as Omit<Job, "description">), description: "" };
}
