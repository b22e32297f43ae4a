/**
 * A job as the matcher sees it: its words, per field and in all, computed once per job and reused
 * for every query, because one job meets many queries.
 */
import { sourceName } from "../format.js";
import type { Job } from "../job.js";
import { placesOf } from "../location.js";
import { yearlyTop } from "../salary.js";
import { FIELDS, type Field } from "./ast.js";
import { analyse, type AnalysedText } from "./tokenize.js";
import { packedWords, setWords, type Words } from "./words.js";

export interface JobDocument {
  job: Job;
  /**
   * Every word that unqualified terms search: title, company, location, category, tags, type and
   * the whole description, with their own spellings ("golang" beside go), the canonical words of
   * equivalent phrases ("ml" for "machine learning"), and "remote" when the board marks it remote.
   */
  words: Words;
  /** The words of each field that `title:` … `type:` search. */
  fields: Readonly<Record<Field, Words>>;
  /** Title and tag words: the strongest evidence, named first in explanations. */
  strong: ReadonlySet<string>;
  /** The place keys the job's location overlaps (location.ts). */
  places: ReadonlySet<string>;
  salary?: { currency: string; yearlyTop: number };
  /** Canonical word sequences, one per text, for phrases: of one field, or of everything searched. */
  sequences(field?: Field): readonly (readonly string[])[];
}

type Texts = Readonly<Record<Field | "category" | "description", readonly string[]>>;

function textsOf(job: Job): Texts {
  return {
    title: [job.title],
    company: [job.company],
    location: [job.location],
    tag: job.tags,
    source: [job.source, sourceName(job.source)],
    type: job.employmentType ? [job.employmentType] : [],
    category: job.category ? [job.category] : [],
    description: [job.description],
  };
}

const SEARCHED: readonly (keyof Texts)[] = ["title", "company", "location", "category", "tag", "type", "description"];

function sequencesOf(analysed: Readonly<Record<keyof Texts, readonly AnalysedText[]>>) {
  return (field?: Field) => (field ? analysed[field] : SEARCHED.flatMap((name) => analysed[name])).map((text) => text.terms);
}

type Analysed = Record<keyof Texts, AnalysedText[]>;

function analyseJob(job: Job): Analysed {
  return Object.fromEntries(Object.entries(textsOf(job)).map(([name, list]) => [name, list.map((text) => analyse(text))])) as Analysed;
}

/** The document for matching new jobs: fast to query, kept only while the job is matched. */
export function jobDocument(job: Job): JobDocument {
  const analysed = analyseJob(job);
  const wordsOf = (name: keyof Texts) => analysed[name].flatMap(({ terms, aliases }) => [...terms, ...aliases]);

  const fieldSets = Object.fromEntries(FIELDS.map((field) => [field, new Set(wordsOf(field))])) as Record<Field, Set<string>>;
  if (job.remote) fieldSets.location.add("remote");
  const all = new Set<string>();
  for (const name of SEARCHED) {
    const set = name === "category" || name === "description" ? wordsOf(name) : fieldSets[name];
    for (const word of set) all.add(word);
  }
  const top = job.salary ? yearlyTop(job.salary) : undefined;
  return {
    job,
    words: setWords(all),
    fields: Object.fromEntries(FIELDS.map((field) => [field, setWords(fieldSets[field])])) as Record<Field, Words>,
    strong: new Set([...fieldSets.title, ...fieldSets.tag]),
    places: placesOf(job.location),
    ...(job.salary && top !== undefined ? { salary: { currency: job.salary.currency.toUpperCase(), yearlyTop: top } } : {}),
    sequences: sequencesOf(analysed),
  };
}

/**
 * The same document in about a fifth of the memory, for keeping one per stored job: its words are
 * packed into one string and its word sequences are computed again when a phrase asks for them.
 */
export function compactDocument(job: Job): JobDocument {
  const { words, fields, ...rest } = jobDocument(job);
  return {
    ...rest,
    words: packedWords(words),
    fields: Object.fromEntries(FIELDS.map((field) => [field, packedWords(fields[field])])) as Record<Field, Words>,
    sequences: (field) => sequencesOf(analyseJob(job))(field),
  };
}
