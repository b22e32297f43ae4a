/**
 * What the store files must look like to be loaded. Records are loose objects: a field added to a
 * core type later is kept as it is, while the fields the store and the bot rely on are checked.
 * The `z.ZodType<…>` annotations make the compiler report a required field missing here.
 */
import { z } from "zod";
import type { OutboxEntry } from "../core/alert.js";
import type { DigestSchedule, QuietHours, Schedule } from "../core/schedule.js";
import type { Job } from "../core/job.js";
import type { SourceState } from "../core/source-state.js";
import type { ChatState, Subscription } from "../core/subscription.js";
import { STORE_VERSION } from "./data.js";

const time = z.number().finite();
const count = z.number().int().nonnegative();
const seq = z.number().int().positive();

export const jobSchema: z.ZodType<Job> = z.looseObject({
  id: z.string(),
  source: z.string(),
  url: z.string(),
  title: z.string(),
  company: z.string(),
  companyUrl: z.string().optional(),
  logoUrl: z.string().optional(),
  location: z.string(),
  remote: z.boolean(),
  category: z.string().optional(),
  tags: z.array(z.string()),
  employmentType: z.string().optional(),
  salary: z
    .looseObject({
      min: z.number().optional(),
      max: z.number().optional(),
      currency: z.string(),
      period: z.enum(["year", "month", "week", "day", "hour"]),
    })
    .optional(),
  postedAt: time,
  expiresAt: time.optional(),
  firstSeenAt: time,
  description: z.string(),
  fingerprint: z.string(),
  seq,
  closedAt: time.optional(),
});

const clockTime = z.number().int().min(0).max(1439);
const digestSchema: z.ZodType<DigestSchedule> = z.union([
  z.object({ every: z.literal("day"), at: clockTime }),
  z.object({ every: z.literal("week"), day: z.number().int().min(0).max(6), at: clockTime }),
]);
const scheduleSchema: z.ZodType<Schedule> = z.union([z.object({ every: z.literal("instant") }), digestSchema]);
const quietSchema: z.ZodType<QuietHours> = z.object({ from: clockTime, to: clockTime });

export const subscriptionSchema: z.ZodType<Subscription> = z.looseObject({
  id: z.string().regex(/^[1-9]\d*$/, "expected a decimal id"),
  chat: z.string(),
  createdBy: z.string(),
  query: z.string(),
  createdAt: time,
  sinceSeq: count,
  matchCount: count,
  schedule: scheduleSchema.optional(),
});

const chatSchema: z.ZodType<ChatState> = z.looseObject({
  chat: z.string(),
  cursor: count,
  paused: z.boolean(),
  pausedReason: z.string().optional(),
  timeZone: z.string().optional(),
  digest: digestSchema.optional(),
  quietHours: quietSchema.optional(),
  mutedCompanies: z.array(z.string()).optional(),
  hiddenJobs: z.array(z.string()).optional(),
  saved: z
    .array(z.looseObject({ jobId: z.string(), savedAt: time, title: z.string(), company: z.string(), url: z.string() }))
    .optional(),
});

const sourceSchema: z.ZodType<SourceState> = z.looseObject({
  id: z.string(),
  lastAttemptAt: time.optional(),
  lastSuccessAt: time.optional(),
  consecutiveFailures: count,
  failingSince: time.optional(),
  lastError: z.string().optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  nextFetchAt: time.optional(),
  baselineDone: z.boolean(),
  jobsSeen: count,
  listed: z.array(z.string()).optional(),
  missingOnce: z.array(z.string()).optional(),
});

const matchSchema = z.looseObject({ subscriptionId: z.string(), query: z.string(), words: z.array(z.string()) });

export const outboxSchema: z.ZodType<OutboxEntry> = z.looseObject({
  id: z.string(),
  chat: z.string(),
  items: z.array(z.looseObject({ jobId: z.string(), matches: z.array(matchSchema) })),
  createdAt: time,
  attempts: count,
  nextAttemptAt: time,
  overflow: z.object({ jobs: count, queries: z.array(z.string()) }).optional(),
});

/** The first line of jobs.ndjson; each further line is one job, in increasing seq order. */
export const jobsHeaderSchema = z.object({ version: z.literal(STORE_VERSION) });

/** The first line of subscriptions.ndjson; each further line is one subscription. */
export const subscriptionsHeaderSchema = z.object({
  version: z.literal(STORE_VERSION),
  nextSubscriptionId: z.number().int().positive(),
});

/** state.json: chats, sources, the outbox, lastSeq and consideredThrough. Written last: it is the commit point. */
export const stateFileSchema = z
  .object({
    version: z.literal(STORE_VERSION),
    lastSeq: count,
    /** Every chat's cursor is at least this (StoreData.consideredThrough); files before it have none. */
    consideredThrough: count.default(0),
    chats: z.record(z.string(), chatSchema),
    sources: z.record(z.string(), sourceSchema),
    outbox: z.array(outboxSchema),
    forgotten: z.record(z.string(), time).default({}),
    /** Which outbox journal continues this file (outbox-journal.ts); files before the journal have none. */
    journal: count.default(0),
  })
  .superRefine((file, ctx) => {
    const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
    for (const [key, state] of Object.entries(file.chats)) {
      if (state.chat !== key) problem(["chats", key, "chat"], `chat state filed under ${key} is for ${state.chat}`);
    }
    for (const [key, state] of Object.entries(file.sources)) {
      if (state.id !== key) problem(["sources", key, "id"], `source state filed under ${key} is for ${state.id}`);
    }
  });
