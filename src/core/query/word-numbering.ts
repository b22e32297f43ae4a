/**
 * Stored jobs' words as numbers, so that they can be found on another thread (issue 16): at a
 * start with 50,000 stored jobs, finding their words took the main thread 10 to 14 seconds, the
 * time the bot was not ready. A worker (src/word-numbering-worker.ts) numbers the words of batches
 * of jobs and answers with typed arrays, and with only the words it had not met before, a few
 * thousand strings in all instead of millions; the main thread adds the numbers to the index of
 * stored jobs' words (stored-job-words.ts).
 */
import type { Job } from "../job.js";
import { eachSearchedWord } from "./document.js";
import { grown } from "./grown.js";
import { signatureOf } from "./stored-job-words.js";

/**
 * A batch of jobs' searched words (document.ts eachSearchedWord), numbered, word by word: the
 * index adds each word's jobs together, one part of its postings at a time (job by job, each
 * addition went to another part, and the main thread waited on memory for every one).
 */
export interface NumberedWords {
  /** The words first met in this batch, in the order of their numbers, which go on from the batch before. */
  newWords: string[];
  /** The numbers of the batch's words, each once. */
  words: Int32Array<ArrayBuffer>;
  /** Per word of `words`, where its jobs end in `jobs`. */
  ends: Int32Array<ArrayBuffer>;
  /** The jobs having each word (their places in the batch, in order), word after word. */
  jobs: Int32Array<ArrayBuffer>;
  /** Per job, what stored-job-words.ts tells versions of a job apart by (signatureOf). */
  signatures: string[];
}

/** Jobs being numbered elsewhere. */
export interface NumberingElsewhere {
  /** Resolves when every batch not taken back was given to `take`; rejects when it cannot go on. */
  done: Promise<void>;
  /**
   * The last batch not yet sent away, taken back for this thread to find the words of itself (it
   * is then never given to `take`); undefined when every batch left has been sent.
   */
  takeBack(): readonly Job[] | undefined;
}

/**
 * Numbers the words of these jobs away from the main thread (src/word-numbering-worker.ts), a batch
 * at a time, calling `take` with each batch in order.
 */
export type NumberWordsElsewhere = (
  jobs: readonly Job[],
  take: (batch: readonly Job[], numbered: NumberedWords) => void,
) => NumberingElsewhere;

/**
 * Numbers words in the order they are first met, across every batch it is given: the receiving
 * side keeps, for each number, its own id of the word.
 */
export class WordNumbering {
  private readonly numbers = new Map<string, number>();
  /** Per number: how many jobs of the batch have it, then where the next of them goes in `jobs`. */
  private counts = new Int32Array(1 << 12);
  /** Per number, the last job that had the word (jobs counted from 1 over all batches): a job's words once each. */
  private lastJob = new Int32Array(1 << 12);
  private jobsSeen = 0;

  number(jobs: readonly Job[]): NumberedWords {
    const newWords: string[] = [];
    const words: number[] = [];
    // Each job's distinct numbers, one job after another, then turned word by word.
    const jobEnds = new Int32Array(jobs.length);
    let numbers = new Int32Array(Math.max(1024, jobs.length * 512));
    let used = 0;
    let current = 0;
    const count = (word: string) => {
      let number = this.numbers.get(word);
      if (number === undefined) {
        number = this.numbers.size;
        this.numbers.set(word, number);
        newWords.push(word);
        if (number === this.lastJob.length)
          [this.lastJob, this.counts] = [grown(this.lastJob, number + 1), grown(this.counts, number + 1)];
      }
      if (this.lastJob[number] === current) return;
      this.lastJob[number] = current;
      if ((this.counts[number] as number)++ === 0) words.push(number);
      if (used === numbers.length) numbers = grown(numbers, used + 1);
      numbers[used++] = number;
    };
    for (const [i, job] of jobs.entries()) {
      current = ++this.jobsSeen;
      eachSearchedWord(job, count);
      jobEnds[i] = used;
    }
    const ends = new Int32Array(words.length);
    let end = 0;
    for (const [k, number] of words.entries()) {
      const start = end;
      ends[k] = end += this.counts[number] as number;
      this.counts[number] = start;
    }
    const byWord = new Int32Array(used);
    for (let i = 0, at = 0; i < jobs.length; i++)
      for (; at < (jobEnds[i] as number); at++) byWord[(this.counts[numbers[at] as number] as number)++] = i;
    for (const number of words) this.counts[number] = 0;
    return { newWords, words: Int32Array.from(words), ends, jobs: byWord, signatures: jobs.map(signatureOf) };
  }
}
