/**
 * The worker thread of word-numbering-worker.ts: numbers the words of each batch of jobs it is
 * sent, and answers with them in typed arrays handed over, not copied.
 */
import { parentPort } from "node:worker_threads";
import type { Job } from "./core/job.js";
import { WordNumbering } from "./core/query/word-numbering.js";

const port = parentPort;
if (!port) throw new Error("word-numbering-thread.ts runs in a worker thread");
const numbering = new WordNumbering();
port.on("message", (jobs: Job[]) => {
  const numbered = numbering.number(jobs);
  port.postMessage(numbered, [numbered.words.buffer, numbered.ends.buffer, numbered.jobs.buffer]);
});
