/**
 * Where the PostgreSQL job cache (job-cache.ts) keeps its jobs' descriptions: in temporary files,
 * read back when asked. Descriptions are most of a job (50,000 real postings: 220 MB of UTF-8,
 * 420 MB as V8 strings) and are read for a handful of jobs at a time (the few an alert or a page
 * shows; the stored jobs' words once, at start), while the jobs' other fields are read by every
 * /latest. On disk they leave the resident memory (issue 16: a million subscriptions in under
 * 1 GB); the operating system's page cache still holds them while memory is free, and reading one
 * back takes microseconds. The database stays their home: the files are this process's cache,
 * unlinked as soon as they are made, so nothing is left behind however the process ends.
 *
 * Descriptions are appended to a file of up to SEGMENT_BYTES, then to a new one; a file is closed
 * (and its space freed) when every job it holds has been collected. Jobs are pruned oldest first,
 * which is the order they were written in, so files empty in turn. When a file cannot be made or
 * written, descriptions are held in memory instead, as UTF-8, and a warning says so.
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
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  },
  read: (fd, into, position) => readSync(fd, into, 0, into.length, position),
  close(fd, unlinkOnClose) {
    closeSync(fd);
    if (unlinkOnClose) unlinkSync(unlinkOnClose);
  },
};

/** A file's size before descriptions go to a new one: small enough to be freed soon after its jobs. */
export const SEGMENT_BYTES = 64 * 2 ** 20;

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
  const read = place.segment.files.read(place.segment.fd, bytes, place.offset);
  if (read !== place.length)
    throw new Error(`a job's description was cut short in its file: ${read} of ${place.length} bytes`);
  return bytes;
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
  /** A frozen copy of the job whose description the shelf holds. */
  hold(job: Job): Job;
  /** Writes no more; each file is closed when its jobs are collected. */
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
  let onDisk = true;

  function shelve(bytes: Buffer): Place | Buffer {
    if (!onDisk || bytes.length === 0) return bytes;
    try {
      if (!segment || segment.size + bytes.length > segmentBytes) {
        const full = segment;
        segment = { files, ...files.create(), size: 0, live: 0, open: true };
        if (full) {
          full.open = false;
          closeWhenEmpty(full);
        }
      }
      files.write(segment.fd, bytes, segment.size);
      const place = { segment, offset: segment.size, length: bytes.length };
      segment.size += bytes.length;
      segment.live += 1;
      return place;
    } catch (error) {
      onDisk = false;
      log.warn({ error, dir: tmpdir() }, "job descriptions are held in memory from now on: a temporary file failed");
      return bytes;
    }
  }

  return {
    hold({ description, ...job }) {
      for (const value of Object.values(job)) deepFreeze(value);
      const place = shelve(Buffer.from(description, "utf8"));
      places.set(job, place);
      if (!Buffer.isBuffer(place)) collected.register(job, place.segment);
      return Object.freeze(Object.defineProperty(job, "description", DESCRIPTION)) as Job;
    },
    close() {
      if (!segment) return;
      segment.open = false;
      closeWhenEmpty(segment);
      segment = undefined;
    },
  };
}
