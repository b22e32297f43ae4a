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
import type { ChatId } from "../chat.js";
import type { Job } from "../job.js";
import type { Logger } from "../logger.js";
import { unsliced } from "../slices.js";
import type { MatchedSubscription } from "../subscription.js";
import type { Query } from "./ast.js";
import { explainMatch, jobDocument, type JobDocument } from "./match.js";
import { parseStored, type JobMatches, type MatcherFactory, type SubscriptionMatcher } from "./matcher.js";
import { QueryIndex } from "./query-index.js";
import { SharedClauses } from "./shared-clauses.js";

export interface IndexedMatcher extends SubscriptionMatcher {
  /** The subscriptions filed under keys the job has, whether or not their gates let them be tested (tests, bench). */
  reached(job: Job): MatchedSubscription[];
}

export const indexedMatcher: MatcherFactory = (log) => createIndexedMatcher(log);

/** A query text held: its entry in the index (-1 while being added, or when it no longer parses). */
interface HeldText {
  /** The text as first held, which every subscription holding it shares. */
  query: string;
  /** Its parsed form, undefined when it no longer parses. */
  parsed: Query | undefined;
  entry: number;
  holders: number;
}

/** The chats of the subscriptions held, each id as one string, kept while a subscription holds it. */
class HeldChats {
  private readonly counts = new Map<ChatId, { chat: ChatId; count: number }>();

  /**
   * Counts one more subscription of the chat; returns the chat's id as first held, so that the
   * subscriptions of a chat (read as separate strings, one per row) share one string.
   */
  add(chat: ChatId): ChatId {
    const held = this.counts.get(chat);
    if (held) {
      held.count += 1;
      return held.chat;
    }
    this.counts.set(chat, { chat, count: 1 });
    return chat;
  }

  remove(chat: ChatId): void {
    const held = this.counts.get(chat);
    if (held && --held.count === 0) this.counts.delete(chat);
  }
}

export function createIndexedMatcher(log: Logger): IndexedMatcher {
  const index = new QueryIndex();
  const clauses = new SharedClauses();
  const texts = new Map<string, HeldText>();
  const chats = new HeldChats();
  const slotOf = new Map<string, number>();
  /**
   * Per slot, in arrays rather than a record each (a million subscriptions): its subscription's
   * id, chat, query text and seq, and its entry's next and previous slots.
   */
  const idAt: string[] = [];
  const chatAt: string[] = [];
  const textAt: HeldText[] = [];
  const sinceSeqAt: number[] = [];
  const nextSlot: number[] = [];
  const previousSlot: number[] = [];
  /** Per entry, its first and last slots (-1 for none): its slots form a chain, in order. */
  const firstSlot: number[] = [];
  const lastSlot: number[] = [];
  let matchedBits = new Uint32Array(0);

  function link(slot: number, entry: number): void {
    while (firstSlot.length <= entry) {
      firstSlot.push(-1);
      lastSlot.push(-1);
    }
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
    const [id, chat, text, sinceSeq] = [idAt[slot], chatAt[slot], textAt[slot], sinceSeqAt[slot]];
    return { id: id as string, chat: chat as string, query: (text as HeldText).query, sinceSeq: sinceSeq as number };
  }

  function matchDocument(doc: JobDocument): JobMatches {
    const slots = slotsOf(index.matching(doc));
    return {
      count: slots.length,
      subscription: (i) => subscriptionAt(slots[i] as number),
      words: (i) => explainMatch((textAt[slots[i] as number] as HeldText).parsed as Query, doc),
    };
  }

  const matcher: IndexedMatcher = {
    async add(subscriptions, slices = unsliced) {
      const replaced = subscriptions.filter((s) => slotOf.has(s.id)).map((s) => s.id);
      if (replaced.length > 0) matcher.remove(replaced);
      // Slots first, then the texts not held yet go into the index together.
      const fresh: HeldText[] = [];
      const firstNew = idAt.length;
      for (const subscription of subscriptions) {
        let text = texts.get(subscription.query);
        if (!text) {
          const query = parseStored(subscription, log);
          text = { query: subscription.query, parsed: query && clauses.share(query), entry: -1, holders: 0 };
          texts.set(subscription.query, text);
          if (text.parsed) fresh.push(text);
        }
        text.holders += 1;
        slotOf.set(subscription.id, idAt.length);
        // What the store read (a row with a string per field) goes: the chat and text are shared.
        idAt.push(subscription.id);
        chatAt.push(chats.add(subscription.chat));
        textAt.push(text);
        sinceSeqAt.push(subscription.sinceSeq);
        nextSlot.push(-1);
        previousSlot.push(-1);
        if (slices.due()) await slices.pause();
      }
      const entries = await index.add(
        fresh.map((text) => text.parsed as Query),
        slices,
      );
      fresh.forEach((text, i) => (text.entry = entries[i] as number));
      for (let slot = firstNew; slot < idAt.length; slot += 1) {
        const { entry } = textAt[slot] as HeldText;
        if (entry >= 0) link(slot, entry);
        if (slices.due()) await slices.pause();
      }
    },
    remove(ids) {
      for (const id of ids) {
        const slot = slotOf.get(id);
        if (slot === undefined) continue;
        const text = textAt[slot] as HeldText;
        slotOf.delete(id);
        chats.remove(chatAt[slot] as string);
        if (text.entry >= 0) unlink(slot, text.entry);
        text.holders -= 1;
        if (text.holders > 0) continue;
        texts.delete(text.query);
        if (text.entry < 0) continue;
        clauses.release(text.parsed as Query);
        index.remove(text.entry);
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
