/**
 * A job as the matcher sees it: its words, per field and in all, computed once per job and reused
 * for every query, because one job meets many queries.
 */
import { sourceName } from "../format.js";
import type { Job } from "../job.js";
import { placesOf } from "../location.js";
import { yearlyTop } from "../salary.js";
import { levelOf, MAX_YEARS, statedYears } from "../seniority.js";
import { FIELDS, TEXT_FIELDS, type DerivedField, type Field } from "./ast.js";
import { analyse, type AnalysedText } from "./tokenize.js";
import { PackedWords, SetWords, type Words } from "./words.js";

/** A field's texts (or all searched texts) as one word sequence, for finding phrases. */
export interface PhraseText {
  /** Canonical words in order; `undefined` between texts, so no phrase spans two of them. */
  sequence: readonly (string | undefined)[];
  /** Where each word occurs in `sequence`. */
  positions: ReadonlyMap<string, readonly number[]>;
}

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
  /** The word sequence of one field, or of everything searched, for phrases. */
  phraseText(field?: Field): PhraseText;
}

type Part = Field | "category" | "description";
type Analysed = Record<Part, AnalysedText[]>;

const SEARCHED: readonly Part[] = ["title", "company", "location", "category", "tag", "type", "description"];

/** The job's texts analysed, all of them or only the parts named (the rest left empty). */
function analyseJob(job: Job, only?: readonly Part[]): Analysed {
  const texts: Record<Part, readonly string[]> = {
    title: [job.title],
    company: [job.company],
    location: [job.location],
    tag: job.tags,
    source: [job.source, sourceName(job.source)],
    type: job.employmentType ? [job.employmentType] : [],
    category: job.category ? [job.category] : [],
    description: [job.description],
    // Derived fields have no text: their words come from derivedWords.
    level: [],
    years: [],
    closed: [],
  };
  const analysed = {} as Analysed;
  for (const [part, list] of Object.entries(texts))
    analysed[part as Part] = !only || only.includes(part as Part) ? list.map((text) => analyse(text)) : [];
  return analysed;
}

function phraseTextOf(analysed: Analysed, field: Field | undefined): PhraseText {
  const sequence: (string | undefined)[] = [];
  const positions = new Map<string, number[]>();
  for (const part of field ? [field] : SEARCHED) {
    for (const { terms } of analysed[part]) {
      for (const term of terms) {
        const at = positions.get(term);
        if (at) at.push(sequence.length);
        else positions.set(term, [sequence.length]);
        sequence.push(term);
      }
      sequence.push(undefined);
    }
  }
  return { sequence, positions };
}

function addWords(set: Set<string>, analysed: Analysed, part: Part): Set<string> {
  for (const { terms, aliases } of analysed[part]) {
    for (const term of terms) set.add(term);
    for (const alias of aliases) set.add(alias);
  }
  return set;
}

function wordSets(job: Job, analysed: Analysed): { all: Set<string>; fields: Record<Field, Set<string>> } {
  const fields = derivedWords(job) as Record<Field, Set<string>>;
  for (const field of TEXT_FIELDS) fields[field] = addWords(new Set(), analysed, field);
  if (job.remote) fields.location.add("remote");
  return { all: searchedOf(job, analysed), fields };
}

/** The words unqualified terms search (JobDocument.words), from the analysed texts. */
function searchedOf(job: Job, analysed: Analysed): Set<string> {
  const all = new Set<string>();
  for (const part of SEARCHED) addWords(all, analysed, part);
  if (job.remote) all.add("remote");
  return all;
}

/**
 * Calls `each` with every word of the job's JobDocument.words, some more than once, without making
 * the rest of its document: what the index of stored jobs (stored-job-words.ts) keeps, at a third
 * of a document's cost (no derived fields, no sets, no packing).
 */
export function eachSearchedWord(job: Job, each: (word: string) => void): void {
  const analysed = analyseJob(job, SEARCHED);
  for (const part of SEARCHED) {
    for (const { terms, aliases } of analysed[part]) {
      for (const term of terms) each(term);
      for (const alias of aliases) each(alias);
    }
  }
  if (job.remote) each("remote");
}

/**
 * The words of the derived fields: the level, "years>=k" for every k up to the experience asked
 * for and "years<=k" for every k from it up to MAX_YEARS (so `years>=5` and `years<=3` are plain
 * word lookups), and "yes" or "no" for closed.
 */
function derivedWords(job: Job): Record<DerivedField, Set<string>> {
  const years = statedYears(job.description);
  const level = levelOf(job.title, years);
  const yearWords = new Set<string>();
  if (years !== undefined) {
    for (let k = 0; k <= MAX_YEARS; k += 1) yearWords.add(k <= years ? `years>=${k}` : `years<=${k}`);
    yearWords.add(`years<=${years}`);
  }
  return {
    level: new Set(level ? [level] : []),
    years: yearWords,
    closed: new Set([job.closedAt === undefined ? "no" : "yes"]),
  };
}

function common(
  job: Job,
  fields: Record<Field, Set<string>>,
): Pick<JobDocument, "job" | "strong" | "places" | "salary"> {
  const top = job.salary ? yearlyTop(job.salary) : undefined;
  return {
    job,
    strong: new Set([...fields.title, ...fields.tag]),
    places: placesOf(job.location),
    ...(job.salary && top !== undefined
      ? { salary: { currency: job.salary.currency.toUpperCase(), yearlyTop: top } }
      : {}),
  };
}

/** The document for matching new jobs: fast to query, kept only while the job is matched. */
export function jobDocument(job: Job): JobDocument {
  const analysed = analyseJob(job);
  const { all, fields } = wordSets(job, analysed);
  const phraseTexts = new Map<Field | undefined, PhraseText>();
  const fieldWords = {} as Record<Field, Words>;
  for (const field of FIELDS) fieldWords[field] = new SetWords(fields[field]);
  return {
    ...common(job, fields),
    words: new SetWords(all),
    fields: fieldWords,
    phraseText(field) {
      let text = phraseTexts.get(field);
      if (!text) phraseTexts.set(field, (text = phraseTextOf(analysed, field)));
      return text;
    },
  };
}

/**
 * The same document in a third of the memory, for keeping one per stored job: its words are packed
 * into strings, and word sequences are computed again when a phrase asks for them.
 */
export function compactDocument(job: Job): JobDocument {
  const { all, fields } = wordSets(job, analyseJob(job));
  const packed = {} as Record<Field, Words>;
  for (const field of FIELDS) packed[field] = new PackedWords(fields[field]);
  return {
    ...common(job, fields),
    words: new PackedWords(all),
    fields: packed,
    // A phrase in one field needs only that field analysed again, not the whole description.
    phraseText: (field) => phraseTextOf(analyseJob(job, field ? [field] : SEARCHED), field),
  };
}
