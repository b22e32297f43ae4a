/**
 * Subscriptions and chat state, as plain operations on the store state (no I/O). Records are
 * frozen (see data.ts), so a change builds a new record and puts it in place of the old one.
 */
import type { ChatId } from "../core/chat.js";
import type { ChatState, Subscription } from "../core/subscription.js";
import { deepFreeze, ownEntry } from "./data.js";
import type { StoreState } from "./state.js";
import type { NewSubscription, SubscriptionChanges } from "./store.js";
import { changesSince, recordAdded, recordRemoved } from "./subscription-changes.js";

export function addSubscription({ data, subscriptionChanges }: StoreState, input: NewSubscription): Subscription {
  const subscription = deepFreeze<Subscription>({
    id: String(data.nextSubscriptionId),
    chat: input.chat,
    createdBy: input.createdBy,
    query: input.query,
    createdAt: input.createdAt,
    sinceSeq: data.lastSeq,
    matchCount: 0,
  });
  data.nextSubscriptionId += 1;
  data.subscriptions.push(subscription);
  recordAdded(subscriptionChanges, [subscription.id]);
  if (!ownEntry(data.chats, input.chat)) {
    data.chats[input.chat] = deepFreeze({ chat: input.chat, cursor: data.lastSeq, paused: false });
  }
  return subscription;
}

/** Builds a new array rather than splicing: a write in progress may still be reading the old one. */
export function removeSubscription({ data, subscriptionChanges }: StoreState, chat: ChatId, id: string): boolean {
  const before = data.subscriptions.length;
  data.subscriptions = data.subscriptions.filter((s) => s.id !== id || s.chat !== chat);
  if (data.subscriptions.length < before) recordRemoved(subscriptionChanges, [id]);
  return data.subscriptions.length < before;
}

export function removeAllSubscriptions({ data, subscriptionChanges }: StoreState, chat: ChatId): number {
  const removed = data.subscriptions.filter((s) => s.chat === chat).map((s) => s.id);
  data.subscriptions = data.subscriptions.filter((s) => s.chat !== chat);
  if (removed.length > 0) recordRemoved(subscriptionChanges, removed);
  return removed.length;
}

export function subscriptionsOf({ data }: StoreState, chat: ChatId): Subscription[] {
  return data.subscriptions.filter((s) => s.chat === chat);
}

export function subscriptionChanges(state: StoreState, since: number): SubscriptionChanges {
  return changesSince(state.subscriptionChanges, state.data.subscriptions, since);
}

/** The states of the chats that exist among these. */
export function getChats({ data }: StoreState, chats: readonly ChatId[]): Map<ChatId, ChatState> {
  const found = new Map<ChatId, ChatState>();
  for (const chat of chats) {
    const state = ownEntry(data.chats, chat);
    if (state) found.set(chat, state);
  }
  return found;
}

export function activeSubscriptions({ data }: StoreState): Subscription[] {
  return data.subscriptions.filter((s) => ownEntry(data.chats, s.chat)?.paused !== true);
}

/**
 * A chat that paused before it ever subscribed is remembered, so its first subscription stays
 * quiet until /resume. Resuming starts from now: the cursor skips what came while paused.
 */
export function setPaused({ data }: StoreState, chat: ChatId, paused: boolean, reason?: string): void {
  const current = ownEntry(data.chats, chat) ?? { chat, cursor: data.lastSeq, paused };
  const next: ChatState = paused ? { ...current, paused } : { ...current, paused, cursor: data.lastSeq };
  if (paused && reason !== undefined) next.pausedReason = reason;
  else delete next.pausedReason;
  data.chats[chat] = deepFreeze(next);
}

/**
 * Telegram group → supergroup migration. If the new address already has chat state (someone
 * used the bot there before the move was noticed), that state is the live one and is kept.
 */
export function moveChat({ data, subscriptionChanges }: StoreState, from: ChatId, to: ChatId): void {
  if (from === to) return;
  const moved = <T extends { chat: ChatId }>(record: T): T =>
    record.chat === from ? deepFreeze({ ...record, chat: to }) : record;
  const movedIds = data.subscriptions.filter((s) => s.chat === from).map((s) => s.id);
  data.subscriptions = data.subscriptions.map(moved);
  // As a removal and an addition: whoever follows the changes holds it under its new chat.
  if (movedIds.length > 0) {
    recordRemoved(subscriptionChanges, movedIds);
    recordAdded(subscriptionChanges, movedIds);
  }
  data.outbox = data.outbox.map(moved);
  const state = ownEntry(data.chats, from);
  if (!state) return;
  delete data.chats[from];
  if (!ownEntry(data.chats, to)) data.chats[to] = moved(state);
}

export function addMatchCounts({ data }: StoreState, counts: Record<string, number>): void {
  data.subscriptions = data.subscriptions.map((s) => {
    const added = ownEntry(counts, s.id);
    return added ? deepFreeze({ ...s, matchCount: s.matchCount + added }) : s;
  });
}

/** Only forward: a cursor is the highest seq already considered, and moving it back would replay alerts. */
export function moveCursors({ data }: StoreState, chats: readonly ChatId[], seq: number): void {
  for (const chat of chats) {
    const state = ownEntry(data.chats, chat);
    if (state && state.cursor < seq) data.chats[chat] = deepFreeze({ ...state, cursor: seq });
  }
}
