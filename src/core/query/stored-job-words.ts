/**
 * Which stored jobs hold which word (issue 16): /latest and /subscribe ask a query of every stored
 * job, and testing 50,000 documents took a quarter of a second or more, the event loop blocked
 * all along. With the jobs holding a query's words looked up here, only those are tested, and a
 * query of plain words ("kotlin remote") is answered from the lookups alone.
 *
 * A job's words are added when it is first seen (prepareDocuments ahead of the first command, from
 * words a worker thread numbered, word-numbering.ts; then each new or merged job in the search that
 * first meets it), by seq: numbers in typed arrays, a tenth of the memory of the documents. A merge that replaces a job adds its new words to its seq;
 * the old ones stay, so for such a seq the lookups may name words the job no longer has, and
 * searches test its document. Pruned jobs' seqs are dropped when they outnumber the live ones.
 */
import type { Job } from "../job.js";
import type { Atom, Clause, Query } from "./ast.js";
import { eachSearchedWord } from "./document.js";
import { grown } from "./grown.js";
import type { NumberedWords } from "./word-numbering.js";

/** Seqs per block of a posting; the last slot of a block holds where the next block starts. */
const BLOCK = 8;

/** Ints per chunk of the arena (a megabyte): a block never spans two. */
const CHUNK_BITS = 18;
const CHUNK = 1 << CHUNK_BITS;

/**
 * The seqs of the jobs holding each word, by word id: blocks in typed arrays, so that 200,000 words
 * (most of them in one or two descriptions) cost no object each. The arrays are chunks added as
 * they fill, not one array copied into one twice its size: at 50,000 stored jobs (17 million seqs)
 * the copies cost the main thread a fifth of a second at start, a third of the arena stayed
 * unused, and the last copy held both arrays, 190 MB, at once.
 */
class Postings {
  private chunks: Int32Array[] = [];
  /** Where the next block starts: chunk number, then place in the chunk (CHUNK_BITS bits). */
  private used = 0;
  /** Per word id: where its first block starts, where its last block starts, how many seqs. */
  private heads = new Int32Array(1 << 12);
  private tails = new Int32Array(1 << 12);
  private lengths = new Int32Array(1 << 12);
  words = 0;

  newWord(): number {
    if (this.words === this.heads.length) {
      this.heads = grown(this.heads, this.words + 1);
      this.tails = grown(this.tails, this.words + 1);
      this.lengths = grown(this.lengths, this.words + 1);
    }
    const block = this.newBlock();
    this.heads[this.words] = block;
    this.tails[this.words] = block;
    return this.words++;
  }

  length(word: number): number {
    return this.lengths[word] as number;
  }

  /** Adds a seq to a word's posting, unless it is the last one added there. */
  push(word: number, seq: number): void {
    const length = this.lengths[word] as number;
    const tail = this.tails[word] as number;
    let chunk = this.chunks[tail >>> CHUNK_BITS] as Int32Array;
    let start = tail & (CHUNK - 1);
    const at = length % BLOCK;
    if (length > 0 && chunk[start + ((length - 1) % BLOCK)] === seq) return;
    if (length > 0 && at === 0) {
      const block = this.newBlock();
      chunk[start + BLOCK] = block;
      this.tails[word] = block;
      chunk = this.chunks[block >>> CHUNK_BITS] as Int32Array;
      start = block & (CHUNK - 1);
    }
    chunk[start + at] = seq;
    this.lengths[word] = length + 1;
  }

  addTo(word: number, set: Set<number>): void {
    const length = this.lengths[word] as number;
    for (let i = 0, block = this.heads[word] as number; i < length; i += BLOCK) {
      const chunk = this.chunks[block >>> CHUNK_BITS] as Int32Array;
      const start = block & (CHUNK - 1);
      const end = start + Math.min(BLOCK, length - i);
      for (let at = start; at < end; at++) set.add(chunk[at] as number);
      block = chunk[start + BLOCK] as number;
    }
  }

  /** The same postings with only the live seqs, in new chunks. */
  keep(live: ReadonlySet<number>): Postings {
    const kept = new Postings();
    const seqs = new Set<number>();
    for (let word = 0; word < this.words; word++) {
      const id = kept.newWord();
      seqs.clear();
      this.addTo(word, seqs);
      for (const seq of seqs) if (live.has(seq)) kept.push(id, seq);
    }
    return kept;
  }

  private newBlock(): number {
    // A block whose end would not be in the last chunk (or the first block) starts a new chunk.
    if ((this.used + BLOCK) >>> CHUNK_BITS !== this.chunks.length - 1) {
      this.used = this.chunks.length << CHUNK_BITS;
      this.chunks.push(new Int32Array(CHUNK));
    }
    const block = this.used;
    this.used += BLOCK + 1;
    return block;
  }
}

/** The jobs a query can match: `exact` when these are the very jobs it matches (seqs not rewritten). */
export interface Candidates {
  seqs: ReadonlySet<number>;
  exact: boolean;
}

/** Unqualified words are looked up exactly; words of a field the job's text shows are in its words too. */
function lookedUp(atom: Atom): { words: readonly string[]; exact: boolean } | undefined {
  if (atom.kind === "word" && atom.field === undefined) return { words: [atom.term], exact: true };
  const inWords = atom.kind === "word" || atom.kind === "phrase";
  if (!inWords || atom.field === "source" || (atom.field !== undefined && !SEARCHED_FIELDS.has(atom.field)))
    return undefined;
  // A phrase's words must all be in the job's words (match.ts phraseOccurs): any one narrows.
  return { words: atom.kind === "phrase" ? atom.terms : [atom.term], exact: false };
}

/** The fields whose words are all among the job's searched words (document.ts SEARCHED). */
const SEARCHED_FIELDS: ReadonlySet<string> = new Set(["title", "company", "location", "tag", "type"]);

export class StoredJobWords {
  /** Word ids, into `postings`; a word stays once added (pruning keeps the ids, emptied). */
  private ids = new Map<string, number>();
  private postings = new Postings();
  private seen = new WeakSet<Job>();
  /** Per seq indexed, the signature of the words' sources of the version last indexed. */
  private signatures = new Map<number, string>();
  /** Seqs whose words were added for more than one version of the job: their lookups may be stale. */
  private rewritten = new Set<number>();

  has(job: Job): boolean {
    return this.seen.has(job);
  }

  /** Adds a job's words (`words`: its searched words, when a document made for matching has them). */
  add(job: Job, words?: Iterable<string>): void {
    if (this.seen.has(job) || !this.isNewVersion(job, signatureOf(job))) return;
    const seq = job.seq;
    const add = (word: string) => this.postings.push(this.idOf(word), seq);
    if (words) for (const word of words) add(word);
    else eachSearchedWord(job, add);
  }

  /**
   * Adds jobs whose words were numbered elsewhere (word-numbering.ts): `ids` holds the word id of
   * each number met so far, and gains this batch's new words.
   */
  addNumbered(jobs: readonly Job[], numbered: NumberedWords, ids: number[]): void {
    for (const word of numbered.newWords) ids.push(this.idOf(word));
    // Per job, its seq, or -1 when its words are indexed already.
    const seqs = jobs.map((job, i) =>
      this.seen.has(job) || !this.isNewVersion(job, numbered.signatures[i] as string) ? -1 : job.seq,
    );
    const { words, ends, jobs: having } = numbered;
    for (let k = 0, at = 0; k < words.length; k++) {
      const id = ids[words[k] as number] as number;
      for (const end = ends[k] as number; at < end; at++) {
        const seq = seqs[having[at] as number] as number;
        if (seq >= 0) this.postings.push(id, seq);
      }
    }
  }

  /** Whether the lookups for this job's seq may name words it no longer has. */
  isRewritten(seq: number): boolean {
    return this.rewritten.has(seq);
  }

  /** The jobs the query can match, or undefined when no clause can be looked up. */
  candidates(query: Query): Candidates | undefined {
    let found: Set<number> | undefined;
    let exact = query.include.length > 0;
    for (const clause of query.include) {
      const seqs = this.clauseSeqs(clause);
      if (!seqs) {
        exact = false;
        continue;
      }
      exact &&= seqs.exact;
      found = found ? intersect(found, seqs.seqs) : seqs.seqs;
    }
    if (!found) return undefined;
    if (!exact) return { seqs: found, exact };
    const excluded = query.exclude.map((clause) => this.clauseSeqs(clause));
    // A clause to exclude that cannot be looked up exactly leaves its test to the documents.
    if (!excluded.every((seqs) => seqs?.exact)) return { seqs: found, exact: false };
    for (const seqs of excluded) for (const seq of (seqs as { seqs: Set<number> }).seqs) found.delete(seq);
    return { seqs: found, exact };
  }

  /**
   * Keeps only these seqs, when the indexed ones outnumber them by far (pruned jobs, or a search
   * of a part of the stored jobs): a job left out is added again by the next search that meets it.
   */
  keepOnly(jobs: readonly Job[]): void {
    if (this.signatures.size <= 2 * jobs.length + 1000) return;
    const live = new Set(jobs.map((job) => job.seq));
    this.postings = this.postings.keep(live);
    this.seen = new WeakSet(jobs);
    for (const seq of this.signatures.keys()) if (!live.has(seq)) this.signatures.delete(seq);
    for (const seq of this.rewritten) if (!live.has(seq)) this.rewritten.delete(seq);
  }

  /**
   * Marks the job seen; false when its words are indexed already, for another copy of this version
   * (the store's, after the cycle indexed its own).
   */
  private isNewVersion(job: Job, signature: string): boolean {
    this.seen.add(job);
    const before = this.signatures.get(job.seq);
    if (before === signature) return false;
    if (before !== undefined) this.rewritten.add(job.seq);
    this.signatures.set(job.seq, signature);
    return true;
  }

  private idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) this.ids.set(word, (id = this.postings.newWord()));
    return id;
  }

  private clauseSeqs(clause: Clause): { seqs: Set<number>; exact: boolean } | undefined {
    const seqs = new Set<number>();
    let exact = true;
    for (const atom of clause.atoms) {
      const looked = lookedUp(atom);
      if (!looked) return undefined;
      exact &&= looked.exact;
      // The rarest word narrows most; every word of a phrase must be there.
      let rarest: number | undefined;
      for (const word of looked.words) {
        const id = this.ids.get(word);
        if (id === undefined) {
          rarest = undefined;
          break;
        }
        if (rarest === undefined || this.postings.length(id) < this.postings.length(rarest)) rarest = id;
      }
      if (rarest !== undefined) this.postings.addTo(rarest, seqs);
    }
    return { seqs, exact };
  }
}

/**
 * What eachSearchedWord reads of a job, hashed (FNV-1a) with its length: equal for two copies of one
 * version, different (but for a 1 in 2^32 chance) when a merge changed the words' sources.
 */
export function signatureOf(job: Job): string {
  const text = [
    job.title,
    job.company,
    job.location,
    job.tags.join("\u0000"),
    job.employmentType ?? "",
    job.category ?? "",
    job.description,
    job.remote ? "remote" : "",
  ].join("\u0001");
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${hash >>> 0}:${text.length}`;
}

function intersect(a: Set<number>, b: Set<number>): Set<number> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const both = new Set<number>();
  for (const seq of small) if (large.has(seq)) both.add(seq);
  return both;
}
