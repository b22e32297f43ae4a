/**
 * The Job model (docs/ARCHITECTURE.md, The store contract). Sources produce JobDrafts; normaliseJob cleans them into the shape
 * every later stage relies on; ingest (alert-cycle) stamps firstSeenAt and seq.
 */
import { canonicalUrl, fingerprint } from "./fingerprint.js";
import { extractSalary } from "./salary.js";

export type SalaryPeriod = "year" | "month" | "week" | "day" | "hour";

export interface Salary {
  min?: number;
  max?: number;
  /** ISO 4217 code when known ("USD", "EUR"), else the symbol or text the board used. */
  currency: string;
  period: SalaryPeriod;
}

export interface Job {
  /** `<source>:<native id or slug>`: unique within the store. */
  id: string;
  /** The source kind ("weworkremotely"), which the `source:` filter and "via …" lines use. */
  source: string;
  /** The board's own job page: where applications go. */
  url: string;
  title: string;
  company: string;
  companyUrl?: string;
  logoUrl?: string;
  /** Free text as the board gives it ("Anywhere in the World", "USA Only"). */
  location: string;
  remote: boolean;
  category?: string;
  tags: string[];
  employmentType?: string;
  salary?: Salary;
  /** Epoch milliseconds. */
  postedAt: number;
  expiresAt?: number;
  /** Epoch milliseconds at which Jobhound first stored this job. */
  firstSeenAt: number;
  /** Plain text of the whole posting. */
  description: string;
  fingerprint: string;
  /** Monotonic, assigned once when the job is first stored. */
  seq: number;
}

/** What a source parser returns: everything but the fields Jobhound derives or assigns. */
export type JobDraft = Omit<Job, "firstSeenAt" | "fingerprint" | "seq" | "tags" | "remote" | "location"> & {
  tags?: string[];
  remote?: boolean;
  location?: string;
};

/** A normalised job that has not been stored yet. */
export type NormalisedJob = Omit<Job, "firstSeenAt" | "seq">;

const MAX_TAGS = 30;

/** Collapses runs of whitespace (including non-breaking spaces) and trims. */
export function cleanText(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, " ").trim();
}

/** Same, but keeps paragraph breaks: descriptions read better with them. */
export function cleanMultiline(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[\t \u00a0\u200b]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Tags cleaned, each once whatever its case (the first spelling kept), at most MAX_TAGS. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of tags) {
    const tag = cleanText(raw);
    const key = tag.toLowerCase();
    if (tag && !seen.has(key)) seen.set(key, tag);
  }
  return [...seen.values()].slice(0, MAX_TAGS);
}

function optionalText(text: string | undefined): string | undefined {
  const cleaned = text === undefined ? "" : cleanText(text);
  return cleaned === "" ? undefined : cleaned;
}

/**
 * Trims and collapses every text field, drops empty optional ones, de-duplicates tags, reads a
 * salary from the text when the board gave none, and computes the fingerprint. Throws when a job lacks what an alert cannot do without.
 */
export function normaliseJob(draft: JobDraft): NormalisedJob {
  const title = cleanText(draft.title);
  const company = cleanText(draft.company);
  const url = draft.url.trim();
  if (!title) throw new Error(`job ${draft.id} has no title`);
  if (!/^https?:\/\//i.test(url)) throw new Error(`job ${draft.id} has no http(s) URL`);
  if (!Number.isFinite(draft.postedAt)) throw new Error(`job ${draft.id} has no valid date`);

  const job: NormalisedJob = {
    id: draft.id,
    source: draft.source,
    url,
    title,
    company: company || "Unknown company",
    location: optionalText(draft.location) ?? (draft.remote ? "Remote" : "Not stated"),
    remote: draft.remote ?? false,
    tags: uniqueTags(draft.tags ?? []),
    postedAt: draft.postedAt,
    description: cleanMultiline(draft.description),
    // Without a company, title alone would merge unrelated jobs: fall back to the page itself.
    fingerprint: company ? fingerprint(company, title) : `url|${canonicalUrl(url)}`,
  };
  const optional = {
    companyUrl: optionalText(draft.companyUrl),
    logoUrl: optionalText(draft.logoUrl),
    category: optionalText(draft.category),
    employmentType: optionalText(draft.employmentType),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(job, { [key]: value });
  }
  // A board's own salary field wins; otherwise the posting may state one ("$120k–$160k").
  const salary = draft.salary ?? extractSalary(title) ?? extractSalary(job.description);
  if (salary) job.salary = salary;
  if (draft.expiresAt !== undefined && Number.isFinite(draft.expiresAt)) job.expiresAt = draft.expiresAt;
  return job;
}
