/**
 * The measured half of the store bench, run in its own process: open the store in the given
 * directory, make one change (a subscription: the most common write), and print the figures.
 */
import { performance } from "node:perf_hooks";
import { silentLogger } from "../src/core/logger.js";
import { openFilesStore } from "../src/store/files-store.js";

const dir = process.argv[2];
if (!dir) throw new Error("usage: store-load.ts <data dir>");

const loadStart = performance.now();
const store = await openFilesStore(dir, { log: silentLogger });
const load = performance.now() - loadStart;

const writeStart = performance.now();
await store.addSubscription({ chat: "telegram:1", createdBy: "1", query: "rust remote", createdAt: Date.now() });
const write = performance.now() - writeStart;
await store.close();

const rss = process.memoryUsage().rss / 1e6;
console.log(JSON.stringify({ load: Math.round(load), write: Math.round(write), rss: Math.round(rss) }));
