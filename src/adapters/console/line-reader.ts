/**
 * Splits the console's input into lines without ever holding more than one short line. node:readline
 * keeps a whole line in memory however long it is (a 50 MB line took 1.5 GB); commands are short,
 * so a line longer than MAX_LINE_BYTES is reported once, as soon as it is seen, and the rest of it
 * is skipped up to its newline without being kept. The next line is read as usual.
 */
import type { Readable } from "node:stream";

export const MAX_LINE_BYTES = 4096;
export const LINE_TOO_LONG = `That line is longer than ${MAX_LINE_BYTES} bytes; commands are short.`;

export type InputLine = { kind: "line"; text: string } | { kind: "too-long" };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export class LineSplitter {
  // One byte more than the limit, for the \r of a line ending in \r\n.
  private readonly line = Buffer.alloc(MAX_LINE_BYTES + 1);
  private length = 0;
  private skipping = false;

  /** Bytes of the current line held in memory: never more than MAX_LINE_BYTES + 1. */
  get bufferedBytes(): number {
    return this.length;
  }

  /** The lines `chunk` completes, and a notice for a line found too long. */
  push(chunk: Buffer): InputLine[] {
    const lines: InputLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      this.take(chunk.subarray(start, newline === -1 ? chunk.length : newline), lines);
      if (newline === -1) break;
      this.finish(lines);
      start = newline + 1;
    }
    return lines;
  }

  /** The last line, when the input ends without a newline. */
  end(): InputLine[] {
    const lines: InputLine[] = [];
    if (this.length > 0) this.finish(lines);
    return lines;
  }

  private take(part: Buffer, lines: InputLine[]): void {
    if (this.skipping || part.length === 0) return;
    if (this.length + part.length > this.line.length) {
      this.skipping = true;
      this.length = 0;
      lines.push({ kind: "too-long" });
      return;
    }
    part.copy(this.line, this.length);
    this.length += part.length;
  }

  private finish(lines: InputLine[]): void {
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    const end = this.length > 0 && this.line[this.length - 1] === CARRIAGE_RETURN ? this.length - 1 : this.length;
    this.length = 0;
    lines.push(
      end > MAX_LINE_BYTES ? { kind: "too-long" } : { kind: "line", text: this.line.toString("utf8", 0, end) },
    );
  }
}

/**
 * Calls `onLine` with each line of `input` in order, and resolves when the input has ended. Reads
 * the stream chunk by chunk (strings are taken as UTF-8), so memory stays bounded whatever it sends.
 */
export function readLines(input: Readable, splitter: LineSplitter, onLine: (line: InputLine) => void): Promise<void> {
  return new Promise((resolve) => {
    const deliver = (lines: InputLine[]): void => lines.forEach(onLine);
    let ended = false;
    const finish = (): void => {
      if (ended) return;
      ended = true;
      input.off("data", onData);
      deliver(splitter.end());
      resolve();
    };
    const onData = (chunk: Buffer | string): void =>
      deliver(splitter.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk));
    input.on("data", onData);
    input.once("end", finish);
    input.once("close", finish);
  });
}
