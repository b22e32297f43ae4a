/**
 * Large collections (jobs, subscriptions) are stored as NDJSON: a header line, then one record per
 * line. Reading streams line by line, so loading 60 MB never holds the whole text plus its parsed
 * copy at once (whole-file JSON.parse pushed the process past 400 MB in the store bench); writing
 * goes through atomicWrite (store-fs.ts) in 1 MB chunks, so no failure or kill loses the previous file.
 */
import { createReadStream } from "node:fs";
import { atomicWrite, type StoreFileSystem } from "./store-fs.js";

const CHUNK_CHARS = 1 << 20;

/**
 * The lines of the file in order, with their 1-based numbers, read in 1 MB chunks; undefined when
 * the file does not exist. (Splitting chunks here is several times faster than node:readline.)
 */
export async function readLines(path: string): Promise<AsyncIterable<{ line: string; number: number }> | undefined> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: CHUNK_CHARS });
  const opened = await new Promise<boolean>((resolve, reject) => {
    stream.once("ready", () => resolve(true));
    stream.once("error", (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? resolve(false) : reject(error)));
  });
  if (!opened) return undefined;
  return (async function* () {
    let number = 0;
    let rest = "";
    for await (const chunk of stream as AsyncIterable<string>) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) yield { line, number: ++number };
    }
    if (rest !== "") yield { line: rest, number: ++number };
  })();
}

function* ndjsonChunks(header: unknown, records: readonly unknown[]): Generator<string> {
  let chunk = `${JSON.stringify(header)}\n`;
  for (const record of records) {
    chunk += `${JSON.stringify(record)}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk;
}

/**
 * Writes a header and records, one JSON value per line, replacing the file atomically. Only one
 * write of a file may run at a time (the files store writes one file at a time).
 */
export async function writeLines(
  fs: StoreFileSystem,
  path: string,
  header: unknown,
  records: readonly unknown[],
): Promise<void> {
  await atomicWrite(fs, path, ndjsonChunks(header, records));
}
