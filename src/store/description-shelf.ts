/**
 * Where the PostgreSQL job cache (job-cache.ts) keeps its jobs' descriptions: in temporary files,
 * read back when asked. Descriptions are most of a job (50,000 real postings: 220 MB of UTF-8,
 * 420 MB as V8 strings) and are read for a handful of jobs at a time (the few an alert or a page
 * shows; the stored jobs' words once, at start), while the jobs' other fields are read by every
 * /latest. On disk they leave the resident memory (issue 16: a million subscriptions in under
 * 1 GB); the operating system's page cache still holds them while memory is free, and reading one
 * back takes microseconds. (Where the temporary directory is a tmpfs, its pages are memory
 * again, counted against a container's limit: .env.example says to point TMPDIR at a disk.) The
 * database stays their home: the files are this process's cache, unlinked as soon as they are
 * made, so nothing is left behind however the process ends (where the system lets an open file be
 * unlinked; elsewhere, Windows, a file is removed when closed).
 *
 * Descriptions are appended to a file of up to SEGMENT_BYTES, then to a new one; a file is closed
 * (and its space freed) when every job it holds has been collected. Jobs are pruned oldest first,
 * which is the order they were written in, so files empty in turn. When a file cannot be made or
 * written, descriptions are held in memory instead, as UTF-8, from then on (some 220 MB at
 * 50,000 jobs), and a warning says so.
 *
 * A job keeps one shape: one getter for every job, added to a record without the property.
 * Redefining the property, or a getter per job, gave every job a shape of its own, and every read
 * of any field of a job (50,000 per /latest) went the slow way.
 */
import { randomBytes } from "node:crypto";
import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Job } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import { deepFreeze } from "./data.js";

/** What the shelf does with files; tests put faults here. */
export interface ShelfFiles {
  /** A new file open for reading and writing, already unlinked where the system allows. */
  create(): { fd: number; unlinkOnClose?: string };
  write(fd: number, bytes: Uint8Array, position: number): void;
  /** Fills `into` from `position`; returns the bytes read. */
  read(fd: number, into: Uint8Array, position: number): number;
  close(fd: number, unlinkOnClose?: string): void;
}

export const tempFiles: ShelfFiles = {
  create() {
    const path = join(tmpdir(), `jobhound-descriptions-${process.pid}-${randomBytes(6).toString("hex")}`);
    const fd = openSync(path, "wx+", 0o600);
    try {
      unlinkSync(path);
      return { fd };
    } catch {
      // Windows does not remove a file that is open: it goes when closed.
      return { fd, unlinkOnClose: path };
    }
  },
  write(fd, bytes, position) {
    for (let done = 0; done < bytes.length;) {
      const written = writeSync(fd, bytes, done, bytes.length - done, position + done);
      // A write that makes no progress would loop for ever (as store-fs.ts writeAll says).
      if (written <= 0) throw Object.assign(new Error("no bytes written to the file"), { code: "EIO" });
      done += written;
    }
  },
  read: (fd, into, position) => readSync(fd, into, 0, into.length, position),
  close(fd, unlinkOnClose) {
    closeSync(fd);
    if (unlinkOnClose) unlinkSync(unlinkOnClose);
  },
};

/** A file's size before descriptions go to a new one: small enough to be freed soon after its jobs. */
const SEGMENT_BYTES = 64 * 2 ** 20;

interface Segment {
  files: ShelfFiles;
  fd: number;
  unlinkOnClose?: string;
  size: number;
  /** Jobs held in this file that have not been collected. */
  live: number;
  /** Still written to (the shelf's newest file, before the shelf is closed). */
  open: boolean;
}

interface Place {
  segment: Segment;
  offset: number;
  length: number;
}

const places = new WeakMap<object, Place | Buffer>();
const EMPTY = Buffer.alloc(0);

const DESCRIPTION: PropertyDescriptor = {
  get(this: Job): string {
    return descriptionBytesOf(this)?.toString("utf8") ?? "";
  },
  enumerable: true,
};

/**
 * The UTF-8 bytes of a description a shelf holds, read back from its file; undefined for a job no
 * shelf holds. Throws when the file cannot be read.
 */
export function descriptionBytesOf(job: Job): Buffer | undefined {
  const place = places.get(job);
  if (!place || Buffer.isBuffer(place)) return place;
  const bytes = Buffer.allocUnsafe(place.length);
  readWhole(place.segment, bytes, place.offset);
  return bytes;
}

/**
 * The jobs' descriptions as UTF-8, one after another, with where each ends: what the worker
 * numbering words is sent (word-numbering-message.ts). Descriptions a shelf wrote one after another
 * are read back in one call (a page of jobs is written in one), the others encoded.
 */
export function copyDescriptions(jobs: readonly Job[]): {
  text: Uint8Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
} {
  const held = jobs.map((job) => places.get(job));
  const ends = new Int32Array(jobs.length);
  let total = 0;
  jobs.forEach((job, i) => {
    const place = held[i];
    ends[i] = total += place ? place.length : Buffer.byteLength(job.description, "utf8");
  });
  const text = Buffer.alloc(total);
  for (let i = 0; i < jobs.length;) {
    const place = held[i];
    const at = ends[i - 1] ?? 0;
    if (!place) text.write((jobs[i] as Job).description, at, "utf8");
    else if (Buffer.isBuffer(place)) place.copy(text, at);
    else {
      // The run of descriptions that follow this one in its file.
      let last = i;
      for (let k = i + 1, tail = place; k < held.length; k += 1) {
        const next = held[k];
        if (next === EMPTY) continue;
        if (!follows(tail, next)) break;
        [tail, last] = [next as Place, k];
      }
      readWhole(place.segment, text.subarray(at, ends[last]), place.offset);
      i = last + 1;
      continue;
    }
    i += 1;
  }
  return { text: new Uint8Array(text.buffer, text.byteOffset, total) as Uint8Array<ArrayBuffer>, ends };
}

/** Whether `next` is written right after `place`, in the same file. */
function follows(place: Place, next: Place | Buffer | undefined): boolean {
  return (
    next !== undefined &&
    !Buffer.isBuffer(next) &&
    next.segment === place.segment &&
    next.offset === place.offset + place.length
  );
}

function readWhole(segment: Segment, into: Uint8Array, offset: number): void {
  const read = segment.files.read(segment.fd, into, offset);
  if (read !== into.length)
    throw new Error(`a job's description was cut short in its file: ${read} of ${into.length} bytes`);
}

function closeWhenEmpty(segment: Segment): void {
  if (segment.live > 0 || segment.open || segment.fd < 0) return;
  const fd = segment.fd;
  segment.fd = -1;
  segment.files.close(fd, segment.unlinkOnClose);
}

const collected = new FinalizationRegistry<Segment>((segment) => {
  segment.live -= 1;
  try {
    closeWhenEmpty(segment);
  } catch {
    // Closing a file nothing reads any more can only fail in ways that lose nothing.
  }
});

export interface DescriptionShelf {
  /** Frozen copies of the jobs whose descriptions the shelf holds, written one after another in one call. */
  holdAll(jobs: readonly Job[]): Job[];
  /** Writes no more (what comes after is held in memory); each file is closed when its jobs are collected. */
  close(): void;
}

export function descriptionShelf({
  log,
  files = tempFiles,
  segmentBytes = SEGMENT_BYTES,
}: {
  log: Logger;
  files?: ShelfFiles;
  segmentBytes?: number;
}): DescriptionShelf {
  let segment: Segment | undefined;
  /** False once a file failed, or once the shelf is closed (a pull still running holds in memory). */
  let onDisk = true;

  /** The newest file is written no more: it is closed when its jobs are gone (now, if none). */
  function retire(): void {
    if (!segment) return;
    segment.open = false;
    const retired = segment;
    segment = undefined;
    closeWhenEmpty(retired);
  }

  /** Writes the block (descriptions of these lengths, one after another); where each one is. */
  function shelve(block: Buffer, lengths: readonly number[]): (Place | Buffer)[] {
    const inMemory = () => {
      let at = 0;
      return lengths.map((length) => block.subarray(at, (at += length)));
    };
    if (!onDisk || block.length === 0) return inMemory();
    try {
      if (!segment || (segment.size > 0 && segment.size + block.length > segmentBytes)) {
        const full = segment;
        segment = { files, ...files.create(), size: 0, live: 0, open: true };
        if (full) {
          full.open = false;
          closeWhenEmpty(full);
        }
      }
      const into = segment;
      files.write(into.fd, block, into.size);
      let offset = into.size;
      into.size += block.length;
      return lengths.map((length) => {
        if (length === 0) return EMPTY;
        into.live += 1;
        const place = { segment: into, offset, length };
        offset += length;
        return place;
      });
    } catch (error) {
      onDisk = false;
      log.warn({ error, dir: tmpdir() }, "job descriptions are held in memory from now on: a temporary file failed");
      try {
        // The file that failed (or the full one a new file was to follow) is let go like any other.
        retire();
      } catch {
        // Closing it can only fail in ways that lose nothing: its jobs read what was written.
      }
      return inMemory();
    }
  }

  function holdAll(jobs: readonly Job[]): Job[] {
    const lengths = jobs.map((job) => Buffer.byteLength(job.description, "utf8"));
    const block = Buffer.allocUnsafe(lengths.reduce((sum, length) => sum + length, 0));
    let at = 0;
    jobs.forEach((job, i) => (at += block.write(job.description, at, lengths[i] as number, "utf8")));
    const shelved = shelve(block, lengths);
    return jobs.map(({ description: _, ...job }, i) => {
      for (const value of Object.values(job)) deepFreeze(value);
      const place = shelved[i] as Place | Buffer;
      places.set(job, place);
      if (!Buffer.isBuffer(place)) collected.register(job, place.segment);
      return Object.freeze(Object.defineProperty(job, "description", DESCRIPTION)) as Job;
    });
  }

  return {
    holdAll,
    close() {
      onDisk = false;
      retire();
    },
  };
}
