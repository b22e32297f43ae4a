/**
 * The store on disk: three files in DATA_DIR, split by how often they change, so no write rewrites
 * what did not change (a subscription must not rewrite 10,000 job descriptions):
 *
 *   jobs.ndjson           the jobs           (a cycle that finds jobs; pruning)
 *   subscriptions.ndjson  the subscriptions  (subscribe, unsubscribe, match counts)
 *   state.json            lastSeq, chats and their cursors, sources, outbox, pruned jobs still listed  (every cycle, commands)
 *   outbox.journal        what delivery changed in the outbox since state.json (outbox-journal.ts)
 *
 * Each file is replaced atomically (store-fs.ts atomicWrite: every byte written, fsynced, renamed;
 * on any error the previous file stays as it was). A change spanning files writes them in
 * WRITE_ORDER, state.json last: it is the commit point. Loading repairs what a kill between two
 * files' writes can leave: jobs above state's lastSeq belong to a cycle that never committed and
 * are dropped (the next cycle finds them again, as new), and a subscription whose chat state was
 * not written yet gets one. Pruning is two changes, not one: state.json first (which jobs were
 * pruned, remembered so their boards listing them again is not news), then jobs.ndjson without
 * them; a kill between the two leaves them stored and remembered, and the next pruning deletes them.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { z } from "zod";
import { describeError } from "../core/errors.js";
import type { Job } from "../core/job.js";
import type { Logger } from "../core/logger.js";
import type { Subscription } from "../core/subscription.js";
import { emptyStoreData, ownEntry, STORE_VERSION, type StoreData } from "./data.js";
import { readLines, writeLines } from "./ndjson-file.js";
import { applyOutboxChange, JOURNAL_FILE, readJournal } from "./outbox-journal.js";
import { atomicWrite, type StoreFileSystem } from "./store-fs.js";
import {
  jobSchema,
  jobsHeaderSchema,
  stateFileSchema,
  subscriptionSchema,
  subscriptionsHeaderSchema,
} from "./store-schema.js";

export type StorePart = "jobs" | "subscriptions" | "state";

export const STORE_FILES: Readonly<Record<StorePart, string>> = {
  jobs: "jobs.ndjson",
  subscriptions: "subscriptions.ndjson",
  state: "state.json",
};

export const WRITE_ORDER: readonly StorePart[] = ["jobs", "subscriptions", "state"];

/** A store file exists but cannot be used. The message names the file and what is wrong. */
export class StoreLoadError extends Error {
  override readonly name = "StoreLoadError";
}

const SHOWN_ISSUES = 3;

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const where = issue.path.map(String).join(".");
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = issues.length > SHOWN_ISSUES ? ` (and ${issues.length - SHOWN_ISSUES} more problems)` : "";
  return `${shown.join("; ")}${more}`;
}

function parseJson<T>(text: string, where: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoreLoadError(`${where} is not valid JSON (${describeError(error)}); fix or move the file away`, {
      cause: error,
    });
  }
  const result = schema.safeParse(json);
  if (!result.success)
    throw new StoreLoadError(
      `${where} is not what Jobhound stores: ${describeIssues(result.error.issues)}; fix or move the file away`,
    );
  return result.data;
}

/** The header and records of an NDJSON file, or undefined when it does not exist. */
async function readCollection<H, R>(
  path: string,
  header: z.ZodType<H>,
  record: z.ZodType<R>,
): Promise<{ header: H; records: R[] } | undefined> {
  let lines;
  try {
    lines = await readLines(path);
  } catch (error) {
    throw new StoreLoadError(`cannot read ${path}: ${describeError(error)}`, { cause: error });
  }
  if (!lines) return undefined;
  let head: H | undefined;
  const records: R[] = [];
  for await (const { line, number } of lines) {
    if (head === undefined) head = parseJson(line, `${path} line 1`, header);
    else if (line !== "") records.push(parseJson(line, `${path} line ${number}`, record));
  }
  if (head === undefined) throw new StoreLoadError(`${path} is empty; fix or move the file away`);
  return { header: head, records };
}

function checkSeqOrder(jobs: readonly Job[], path: string): void {
  let previous = 0;
  jobs.forEach((job, i) => {
    if (job.seq <= previous)
      throw new StoreLoadError(
        `${path} line ${i + 2}: jobs must be in increasing seq order (${job.seq} after ${previous}); fix or move the file away`,
      );
    previous = job.seq;
  });
}

function checkSubscriptionIds(subscriptions: readonly Subscription[], next: number, path: string): void {
  subscriptions.forEach((s, i) => {
    if (Number(s.id) >= next)
      throw new StoreLoadError(
        `${path} line ${i + 2}: id ${s.id} is not below nextSubscriptionId ${next}; fix or move the file away`,
      );
  });
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new StoreLoadError(`cannot read ${path}: ${describeError(error)}`, { cause: error });
  }
}

export interface LoadedStore {
  data: StoreData;
  /** The outbox journal generation state.json names (outbox-journal.ts). */
  generation: number;
}

/**
 * Loads and validates the store files (missing ones start empty), replays the outbox journal,
 * then repairs a split commit.
 */
export async function loadStoreFiles(dataDir: string, log: Logger): Promise<LoadedStore> {
  const path = (part: StorePart) => join(dataDir, STORE_FILES[part]);
  const data = emptyStoreData();

  let generation = 0;
  const stateText = await readText(path("state"));
  if (stateText !== null) {
    const { lastSeq, consideredThrough, chats, sources, outbox, forgotten, journal } = parseJson(
      stateText,
      path("state"),
      stateFileSchema,
    );
    Object.assign(data, { lastSeq, consideredThrough, chats, sources, outbox, forgotten });
    generation = journal;
  }
  for (const change of await readJournal(join(dataDir, JOURNAL_FILE), generation, log))
    data.outbox = applyOutboxChange(data.outbox, change);
  const subscriptions = await readCollection(path("subscriptions"), subscriptionsHeaderSchema, subscriptionSchema);
  if (subscriptions) {
    checkSubscriptionIds(subscriptions.records, subscriptions.header.nextSubscriptionId, path("subscriptions"));
    data.subscriptions = subscriptions.records;
    data.nextSubscriptionId = subscriptions.header.nextSubscriptionId;
  }
  const jobs = await readCollection(path("jobs"), jobsHeaderSchema, jobSchema);
  if (jobs) {
    checkSeqOrder(jobs.records, path("jobs"));
    data.jobs = jobs.records;
  }
  repairSplitCommit(data, log);
  return { data, generation };
}

function repairSplitCommit(data: StoreData, log: Logger): void {
  const uncommitted = data.jobs.filter((job) => job.seq > data.lastSeq).length;
  if (uncommitted > 0) {
    data.jobs = data.jobs.filter((job) => job.seq <= data.lastSeq);
    log.warn({ jobs: uncommitted }, "dropped jobs of a cycle that did not commit; they will be found again");
  }
  for (const subscription of data.subscriptions) {
    if (!ownEntry(data.chats, subscription.chat)) {
      data.chats[subscription.chat] = { chat: subscription.chat, cursor: data.lastSeq, paused: false };
      log.warn({ chat: subscription.chat }, "restored the state of a chat whose subscription was saved without it");
    }
  }
}

/**
 * Writes one part of the data to its file, replacing the file atomically. What is written is taken
 * before the first await (records are frozen, so a copy of the array is a snapshot): a change made
 * while the file is being written waits for the next write instead of landing half in this one.
 * state.json names `generation`, the outbox journal that continues it.
 */
export async function writeStorePart(
  fs: StoreFileSystem,
  dataDir: string,
  data: StoreData,
  part: StorePart,
  generation = 0,
): Promise<void> {
  const path = join(dataDir, STORE_FILES[part]);
  const version = STORE_VERSION;
  switch (part) {
    case "jobs":
      return writeLines(fs, path, { version }, data.jobs.slice());
    case "subscriptions":
      return writeLines(fs, path, { version, nextSubscriptionId: data.nextSubscriptionId }, data.subscriptions.slice());
    case "state": {
      const text = JSON.stringify({
        version,
        lastSeq: data.lastSeq,
        consideredThrough: data.consideredThrough,
        chats: data.chats,
        sources: data.sources,
        outbox: data.outbox,
        forgotten: data.forgotten,
        journal: generation,
      });
      return atomicWrite(fs, path, [text]);
    }
  }
}

/**
 * Deletes temp files a kill left behind in the middle of writing a store file (`jobs.ndjson.tmp`,
 * or `jobs.ndjson.<pid>.tmp` as earlier versions named them). Only the store writes these files,
 * one write at a time, and it is not writing while it opens.
 */
export async function removeStaleTempFiles(dataDir: string): Promise<void> {
  const stale = (await readdir(dataDir)).filter((file) =>
    [...Object.values(STORE_FILES), JOURNAL_FILE].some((name) => file.startsWith(`${name}.`) && file.endsWith(".tmp")),
  );
  await Promise.all(stale.map((file) => rm(join(dataDir, file), { force: true })));
}
