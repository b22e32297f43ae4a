import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { defaultSettings, type SharedContext } from "../../../../commands/command.js";
import { consoleAdapter } from "../../../../src/adapters/console/console.js";
import {
  LINE_TOO_LONG,
  LineSplitter,
  MAX_LINE_BYTES,
  readLines,
  type InputLine,
} from "../../../../src/adapters/console/line-reader.js";
import { silentLogger } from "../../../../src/core/logger.js";
import { memoryStore } from "../../../../src/store/memory-store.js";
import { fixedClock } from "../../../fakes/clock.js";

// Small chunks, so a reader that kept the line would be caught holding more than the limit of it.
const CHUNK = Buffer.alloc(1024, "x");
const FIFTY_MB = 50 * 1024 * 1024;

/**
 * `before`, then a line of 50 MB of "x" in 1 KB chunks, then `after`, produced lazily; `beforeChunk`
 * runs before each chunk of the line is handed over, once the reader has taken the previous ones.
 */
function hugeLineBetween(before: string, after: string, beforeChunk = (): void => {}): Readable {
  return Readable.from(
    (function* () {
      yield Buffer.from(before);
      for (let sent = 0; sent < FIFTY_MB; sent += CHUNK.length) {
        beforeChunk();
        yield CHUNK;
      }
      yield Buffer.from(after);
    })(),
  );
}

const texts = (lines: InputLine[]) => lines.map((l) => (l.kind === "line" ? l.text : "<too long>"));

describe("reading console lines", () => {
  it("splits lines across chunks, with \\n or \\r\\n, and keeps a last line without a newline", () => {
    const splitter = new LineSplitter();
    const lines = [
      ...splitter.push(Buffer.from("/help\r\n/sub")),
      ...splitter.push(Buffer.from("scribe rust\n\n/lat")),
      ...splitter.end(),
    ];
    expect(texts(lines)).toEqual(["/help", "/subscribe rust", "", "/lat"]);
  });

  it("keeps a line of exactly the limit and refuses one byte more", () => {
    const splitter = new LineSplitter();
    const atLimit = "é".repeat(MAX_LINE_BYTES / 2);
    const lines = splitter.push(Buffer.from(`${atLimit}\r\n${atLimit}x\n/help\n`));
    expect(texts(lines)).toEqual([atLimit, "<too long>", "/help"]);
  });

  it("reads a 50 MB line holding at most the limit of it, reports it once and reads the next line", async () => {
    const splitter = new LineSplitter();
    const lines: InputLine[] = [];
    let mostBuffered = 0;
    let chunks = 0;
    const input = hugeLineBetween("/sources\n", "\n/help\n", () => {
      chunks += 1;
      mostBuffered = Math.max(mostBuffered, splitter.bufferedBytes);
    });
    await readLines(input, splitter, (line) => lines.push(line));
    expect(chunks).toBe(FIFTY_MB / CHUNK.length);
    expect(texts(lines)).toEqual(["/sources", "<too long>", "/help"]);
    expect(mostBuffered).toBeGreaterThan(0);
    expect(mostBuffered).toBeLessThanOrEqual(MAX_LINE_BYTES + 1);
    expect(splitter.bufferedBytes).toBe(0);
  });
});

describe("the console and an over-long line", () => {
  it("refuses a 50 MB line with a clear answer and still runs the next command", async () => {
    const context: SharedContext = {
      store: memoryStore(),
      clock: fixedClock(),
      log: silentLogger,
      sources: [],
      settings: defaultSettings,
    };
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const adapter = consoleAdapter(
      hugeLineBetween("/subscribe rust\n/subscribe ", "\n/subscriptions\n"),
      output,
      context,
    );
    await adapter.closed;
    expect(printed).toContain(LINE_TOO_LONG);
    expect(printed.split(LINE_TOO_LONG)).toHaveLength(2);
    expect(printed.length).toBeLessThan(10_000);
    expect((await context.store.subscriptionsOf("console:local")).map((s) => s.query)).toEqual(["rust"]);
    expect(printed.slice(printed.indexOf(LINE_TOO_LONG))).toContain("rust");
  });
});
