/**
 * The worker thread of word-numbering-worker.ts: numbers the words of each batch of jobs it is
 * sent, and answers with them in typed arrays handed over, not copied.
 */
import { parentPort } from "node:worker_threads";
import { WordNumbering } from "./core/query/word-numbering.js";
import { jobsOf, type JobsMessage } from "./word-numbering-message.js";

const port = parentPort;
if (!port) throw new Error("word-numbering-thread.ts runs in a worker thread");
const numbering = new WordNumbering();
port.on("message", (message: JobsMessage) => {
  const numbered = numbering.number(jobsOf(message));
  port.postMessage(numbered, [numbered.words.buffer, numbered.ends.buffer, numbered.jobs.buffer]);
});
