/** A worker thread for word-numbering-worker.ts that numbers the first batch it is sent, then dies. */
import { parentPort } from "node:worker_threads";
import { WordNumbering } from "../../src/core/query/word-numbering.js";

parentPort?.once("message", (jobs) => {
  parentPort?.postMessage(new WordNumbering().number(jobs));
  parentPort?.once("message", () => process.exit(3));
});
