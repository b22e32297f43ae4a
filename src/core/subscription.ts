import type { ChatId } from "./chat.js";

export interface Subscription {
  /** Short, shown to people, unique within the store. */
  id: string;
  chat: ChatId;
  /** Who typed /subscribe (platform user id), for audits and personal listings. */
  createdBy: string;
  /** The query as typed; the parsed form is derived from it when matchers are built. */
  query: string;
  createdAt: number;
  /**
   * The highest job seq stored when the subscription was made: only jobs with a greater seq
   * (first seen later) can reach it.
   */
  sinceSeq: number;
  /** How many alerts this subscription has contributed to, for /subscriptions. */
  matchCount: number;
}

export interface ChatState {
  chat: ChatId;
  /** The highest job seq already considered for this chat. */
  cursor: number;
  paused: boolean;
  /** Why alerts stopped, when the platform refused them (blocked, kicked); shown by /subscriptions. */
  pausedReason?: string;
}
