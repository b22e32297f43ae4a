/**
 * Matching a parsed query against a job. A job's words are computed once per job (JobDocument) and
 * reused for every subscription, because one job meets many queries.
 */
import type { Job } from "../job.js";
import type { Query } from "./parse.js";
import { tokenize } from "./tokenize.js";

export interface JobDocument {
  /** Words of the strongest evidence: title and tags. */
  strong: Set<string>;
  /** Every word of the job: title, company, location, category, tags, type and description. */
  all: Set<string>;
  remote: boolean;
}

export function jobDocument(job: Job): JobDocument {
  const strong = new Set([...tokenize(job.title), ...job.tags.flatMap(tokenize)]);
  const rest = [job.company, job.location, job.category ?? "", job.employmentType ?? "", job.description];
  const all = new Set(strong);
  for (const text of rest) for (const word of tokenize(text)) all.add(word);
  return { strong, all, remote: job.remote };
}

function occurs(word: string, doc: JobDocument): boolean {
  // "remote" matches every job its source marks remote, whatever the text says (DESIGN §4).
  return doc.all.has(word) || (word === "remote" && doc.remote);
}

/**
 * The words that made the job match, title and tag words first; null when it does not match.
 */
export function matchQuery(query: Query, doc: JobDocument): string[] | null {
  if (!query.include.every((word) => occurs(word, doc))) return null;
  if (query.exclude.some((word) => occurs(word, doc))) return null;
  const strong = query.include.filter((word) => doc.strong.has(word));
  const weak = query.include.filter((word) => !doc.strong.has(word));
  return [...strong, ...weak];
}
