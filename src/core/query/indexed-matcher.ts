/**
 * The indexed matcher: scales to a million subscriptions (`npm run bench -- matcher`, `-- index`).
 *
 * Subscriptions with the same query text share one entry of the query index (query-index.ts). A
 * new job reaches only the entries filed under keys it has, and the index tests those from flat
 * arrays. Adding or removing a subscription touches its entry and its place in the order, never
 * the rest (issue 16). Results equal the naive loop's, order and explanations included: the
 * property test in tests/unit/core/query/indexed-matcher.test.ts holds it to that, through adds
 * and removes.
 *
 * Order: each subscription added takes the next slot, and answers list matches by slot. A removed
 * subscription leaves its slot empty (a restart numbers them afresh), so slots only grow.
 */
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import { unsliced } from "../slices.js";
import type { MatchedSubscription } from "../subscription.js";
import type { Query } from "./ast.js";
import { grown } from "./grown.js";
import { heldId, IdSlots, type HeldId } from "./id-slots.js";
import { explainMatch, jobDocument, type JobDocument } from "./match.js";
import { parseStored, type JobMatches, type MatcherFactory, type SubscriptionMatcher } from "./matcher.js";
import { QueryIndex } from "./query-index.js";
import { SharedClauses } from "./shared-clauses.js";

export interface IndexedMatcher extends SubscriptionMatcher {
  /** The subscriptions filed under keys the job has, whether or not their gates let them be tested (tests, bench). */
  reached(job: Job): MatchedSubscription[];
}

export const indexedMatcher: MatcherFactory = (log) => createIndexedMatcher(log);

/**
 * Strings given numbers, each number kept by the holders it counts: the subscriptions of a chat
 * (read as separate strings, one per row) share one string and refer to it by a number in an
 * Int32Array. A string whose holders are gone keeps its number (answers given before may still
 * name it) but is no longer found: held again, it takes a new one, so numbers only grow until a
 * restart.
 */
class Numbered {
  private readonly numberOf = new Map<string, number>();
  readonly values: string[] = [];
  private holders = new Int32Array(0);

  hold(value: string): number {
    let number = this.numberOf.get(value);
    if (number === undefined) {
      number = this.values.length;
      this.numberOf.set(value, number);
      this.values.push(value);
      if (number >= this.holders.length) this.holders = grown(this.holders, number + 1, 0);
    }
    this.holders[number] = (this.holders[number] as number) + 1;
    return number;
  }

  /** Counts one holder less; true when it was the last. */
  release(number: number): boolean {
    const left = (this.holders[number] = (this.holders[number] as number) - 1);
    if (left === 0) this.numberOf.delete(this.values[number] as string);
    return left === 0;
  }

  /** Whether the number was given by the hold just made (its only holder). */
  isNew(number: number): boolean {
    return this.holders[number] === 1;
  }
}

export function createIndexedMatcher(log: Logger): IndexedMatcher {
  const index = new QueryIndex();
  const clauses = new SharedClauses();
  /**
   * The distinct query texts held, by number: each one's parsed form (undefined when it no longer
   * parses) and its entry in the index (-1 while being added, or when it does not parse).
   */
  const texts = new Numbered();
  const parsedOf: (Query | undefined)[] = [];
  let entryOf = new Int32Array(0);
  const chats = new Numbered();
  const slotOf = new IdSlots();
  /**
   * Per slot, in arrays rather than a record each (a million subscriptions): its subscription's
   * id, chat's and query text's numbers, seq, and its entry's next and previous slots.
   */
  const idAt: HeldId[] = [];
  let chatAt = new Int32Array(0);
  let textAt = new Int32Array(0);
  let sinceSeqAt = new Float64Array(0);
  let nextSlot = new Int32Array(0);
  let previousSlot = new Int32Array(0);
  /** Per entry, its first and last slots (-1 for none): its slots form a chain, in order. */
  let firstSlot = new Int32Array(0);
  let lastSlot = new Int32Array(0);
  let matchedBits = new Uint32Array(0);

  function growSlots(length: number): void {
    chatAt = grown(chatAt, length, 0);
    textAt = grown(textAt, length, 0);
    sinceSeqAt = grown(sinceSeqAt, length, 0);
    nextSlot = grown(nextSlot, length, -1);
    previousSlot = grown(previousSlot, length, -1);
  }

  function link(slot: number, entry: number): void {
    firstSlot = grown(firstSlot, entry + 1, -1);
    lastSlot = grown(lastSlot, entry + 1, -1);
    const last = lastSlot[entry] as number;
    previousSlot[slot] = last;
    if (last === -1) firstSlot[entry] = slot;
    else nextSlot[last] = slot;
    lastSlot[entry] = slot;
  }

  function unlink(slot: number, entry: number): void {
    const [previous, next] = [previousSlot[slot] as number, nextSlot[slot] as number];
    if (previous === -1) firstSlot[entry] = next;
    else nextSlot[previous] = next;
    if (next === -1) lastSlot[entry] = previous;
    else previousSlot[next] = previous;
  }

  /**
   * The slots of the entries, in order: each set in a bitmap of all slots, which is then read in
   * order (and cleared as it is read). Cheaper than sorting the 2,000 slots a job matches among
   * 100,000.
   */
  function slotsOf(entries: ArrayLike<number>): Int32Array {
    const words = Math.ceil(idAt.length / 32);
    if (matchedBits.length < words) matchedBits = new Uint32Array(words * 2);
    let count = 0;
    for (let i = 0; i < entries.length; i += 1) {
      for (let slot = firstSlot[entries[i] as number] as number; slot !== -1; slot = nextSlot[slot] as number) {
        matchedBits[slot >>> 5] = (matchedBits[slot >>> 5] as number) | (1 << (slot & 31));
        count += 1;
      }
    }
    const sorted = new Int32Array(count);
    for (let word = 0, at = 0; at < count; word += 1) {
      let bits = matchedBits[word] as number;
      if (bits === 0) continue;
      matchedBits[word] = 0;
      while (bits !== 0) {
        const lowest = bits & -bits;
        sorted[at++] = word * 32 + 31 - Math.clz32(lowest);
        bits ^= lowest;
      }
    }
    return sorted;
  }

  /** A removed subscription keeps what its slot held: answers given before still name it. */
  function subscriptionAt(slot: number): MatchedSubscription {
    return {
      id: String(idAt[slot]),
      chat: chats.values[chatAt[slot] as number] as string,
      query: texts.values[textAt[slot] as number] as string,
      sinceSeq: sinceSeqAt[slot] as number,
    };
  }

  function matchDocument(doc: JobDocument): JobMatches {
    const slots = slotsOf(index.matching(doc));
    return {
      count: slots.length,
      subscription: (i) => subscriptionAt(slots[i] as number),
      words: (i) => explainMatch(parsedOf[textAt[slots[i] as number] as number] as Query, doc),
    };
  }

  const matcher: IndexedMatcher = {
    async add(subscriptions, slices = unsliced) {
      const ids = subscriptions.map((s) => heldId(s.id));
      const replaced = subscriptions.filter((_, i) => slotOf.get(ids[i] as HeldId) !== undefined).map((s) => s.id);
      if (replaced.length > 0) matcher.remove(replaced);
      // Slots first, then the texts not held yet go into the index together.
      const fresh: number[] = [];
      const firstNew = idAt.length;
      for (let i = 0; i < subscriptions.length; i += 1) {
        const subscription = subscriptions[i] as MatchedSubscription;
        const text = texts.hold(subscription.query);
        if (texts.isNew(text)) {
          const query = parseStored(subscription, log);
          parsedOf[text] = query && clauses.share(query);
          if (text >= entryOf.length) entryOf = grown(entryOf, text + 1, -1);
          if (query) fresh.push(text);
        }
        const slot = idAt.length;
        if (slot === chatAt.length) growSlots(slot + 1);
        const id = ids[i] as HeldId;
        slotOf.set(id, slot);
        // What the store read (a row with a string per field) goes: the chat and text are shared.
        idAt.push(id);
        chatAt[slot] = chats.hold(subscription.chat);
        textAt[slot] = text;
        sinceSeqAt[slot] = subscription.sinceSeq;
        if (slices.due()) await slices.pause();
      }
      const entries = await index.add(
        fresh.map((text) => parsedOf[text] as Query),
        slices,
      );
      fresh.forEach((text, i) => (entryOf[text] = entries[i] as number));
      for (let slot = firstNew; slot < idAt.length; slot += 1) {
        const entry = entryOf[textAt[slot] as number] as number;
        if (entry >= 0) link(slot, entry);
        if (slices.due()) await slices.pause();
      }
    },
    remove(ids) {
      for (const id of ids) {
        const held = heldId(id);
        const slot = slotOf.get(held);
        if (slot === undefined) continue;
        const text = textAt[slot] as number;
        const entry = entryOf[text] as number;
        slotOf.delete(held);
        chats.release(chatAt[slot] as number);
        if (entry >= 0) unlink(slot, entry);
        if (!texts.release(text) || entry < 0) continue;
        clauses.release(parsedOf[text] as Query);
        index.remove(entry);
      }
    },
    get size() {
      return slotOf.size;
    },
    match: (job) => matchDocument(jobDocument(job)),
    matchDocument,
    reached: (job) => Array.from(slotsOf(index.reached(jobDocument(job))), subscriptionAt),
  };
  return matcher;
}
