/** A worker thread for word-numbering-worker.ts that numbers the first batch it is sent, then dies. */
import { parentPort } from "node:worker_threads";
import { WordNumbering } from "../../src/core/query/word-numbering.js";
import { jobsOf, type JobsMessage } from "../../src/word-numbering-message.js";

parentPort?.once("message", (message: JobsMessage) => {
  parentPort?.postMessage(new WordNumbering().number(jobsOf(message)));
  parentPort?.once("message", () => process.exit(3));
});
