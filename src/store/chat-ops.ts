/**
 * Subscriptions and chat state, as plain operations on the store state (no I/O). Records are
 * frozen (see data.ts), so a change builds a new record and puts it in place of the old one.
 */
import type { ChatId } from "../core/chat.js";
import type { Schedule } from "../core/schedule.js";
import type { ChatSettingsPatch, ChatState, Subscription } from "../core/subscription.js";
import { blankChatState } from "../core/chat-filters.js";
import { deepFreeze, ownEntry, type StoreData } from "./data.js";
import { putEntry, type StoreState } from "./state.js";
import type { NewSubscription, SubscriptionChanges } from "./store.js";
import { changesSince, recordAdded, recordRemoved } from "./subscription-changes.js";

export function addSubscription(state: StoreState, input: NewSubscription): Subscription {
  const { data, subscriptionChanges } = state;
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
    putEntry(state, data.chats, input.chat, deepFreeze({ chat: input.chat, cursor: data.lastSeq, paused: false }));
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

export function scheduledSubscriptions({ data }: StoreState, chats: readonly ChatId[]): Subscription[] {
  const wanted = new Set(chats);
  return data.subscriptions.filter((s) => s.schedule !== undefined && wanted.has(s.chat));
}

export function subscriptionChanges(state: StoreState, since: number): SubscriptionChanges {
  return changesSince(state.subscriptionChanges, state.data.subscriptions, since);
}

/** The states of the chats that exist among these. */
export function getChats({ data }: StoreState, chats: readonly ChatId[]): Map<ChatId, ChatState> {
  const found = new Map<ChatId, ChatState>();
  for (const chat of chats) {
    const state = chatState(data, chat);
    if (state) found.set(chat, state);
  }
  return found;
}

export function countActiveChats({ data }: StoreState): number {
  const active = new Set<ChatId>();
  for (const { chat } of data.subscriptions) if (ownEntry(data.chats, chat)?.paused !== true) active.add(chat);
  return active.size;
}

/**
 * A chat that paused before it ever subscribed is remembered, so its first subscription stays
 * quiet until /resume. Resuming starts from now: the cursor skips what came while paused.
 */
export function setPaused(state: StoreState, chat: ChatId, paused: boolean, reason?: string): void {
  const { data } = state;
  const current = chatState(data, chat) ?? { chat, cursor: data.lastSeq, paused };
  const next: ChatState = paused ? { ...current, paused } : { ...current, paused, cursor: data.lastSeq };
  if (paused && reason !== undefined) next.pausedReason = reason;
  else delete next.pausedReason;
  putEntry(state, data.chats, chat, deepFreeze(next));
}

/** Sets or removes (null) a chat's time zone, digest schedule and quiet hours; creates the chat if needed. */
export function updateChatSettings(state: StoreState, chat: ChatId, patch: ChatSettingsPatch): ChatState {
  const { data } = state;
  const next: ChatState = { ...(chatState(data, chat) ?? { chat, cursor: data.lastSeq, paused: false }) };
  for (const key of ["timeZone", "digest", "quietHours"] as const) {
    const value = patch[key];
    if (value === null) delete next[key];
    else if (value !== undefined) Object.assign(next, { [key]: value });
  }
  const frozen = deepFreeze(structuredClone(next));
  putEntry(state, data.chats, chat, frozen);
  return frozen;
}

/** Gives one of the chat's subscriptions its own schedule, or (undefined) has it follow the chat's again. */
export function setSubscriptionSchedule(
  { data }: StoreState,
  chat: ChatId,
  id: string,
  schedule: Schedule | undefined,
): Subscription | undefined {
  let changed: Subscription | undefined;
  data.subscriptions = data.subscriptions.map((s) => {
    if (s.id !== id || s.chat !== chat) return s;
    const { schedule: _previous, ...rest } = s;
    changed = deepFreeze(schedule ? { ...rest, schedule: structuredClone(schedule) } : rest);
    return changed;
  });
  return changed;
}

/**
 * Telegram group → supergroup migration. If the new address already has chat state (someone
 * used the bot there before the move was noticed), that state is the live one and is kept.
 */
export function moveChat(state: StoreState, from: ChatId, to: ChatId): void {
  const { data, subscriptionChanges } = state;
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
  const fromState = ownEntry(data.chats, from);
  if (!fromState) return;
  putEntry(state, data.chats, from, undefined);
  if (!ownEntry(data.chats, to)) putEntry(state, data.chats, to, moved(fromState));
}

export function addMatchCounts({ data }: StoreState, counts: Record<string, number>): void {
  data.subscriptions = data.subscriptions.map((s) => {
    const added = ownEntry(counts, s.id);
    return added ? deepFreeze({ ...s, matchCount: s.matchCount + added }) : s;
  });
}

/**
 * A chat's stored state, its cursor read as the higher of its own and the store's consideredThrough
 * (see CycleCommit.cursor).
 */
export function chatState(data: StoreData, chat: ChatId): ChatState | undefined {
  const state = ownEntry(data.chats, chat);
  return state && state.cursor < data.consideredThrough
    ? deepFreeze({ ...state, cursor: data.consideredThrough })
    : state;
}

/** Only forward: a cursor is the highest seq already considered, and moving it back would replay alerts. */
export function moveCursors({ data }: StoreState, seq: number): void {
  data.consideredThrough = Math.max(data.consideredThrough, seq);
}

/**
 * Applies a change to a chat's state (mutes, hides, saved jobs), creating the state when the chat
 * has none yet; false when the change changed nothing.
 */
export function updateChat(
  state: StoreState,
  chat: ChatId,
  change: (state: ChatState) => ChatState | undefined,
): boolean {
  const { data } = state;
  const next = change(chatState(data, chat) ?? blankChatState(chat, data.lastSeq));
  if (!next) return false;
  putEntry(state, data.chats, chat, deepFreeze(next));
  return true;
}
