/**
 * What a platform tells Jobhound about its chats, in words no platform owns: the bot lost a chat
 * (blocked, removed), got it back, or the chat moved to a new address (a Telegram group that
 * became a supergroup). An adapter raises these; this module is the one place that acts on them,
 * so delivery and the store stay free of any platform's rules (docs/ARCHITECTURE.md "Chat events").
 */
import type { ChatId } from "../core/chat.js";
import type { Logger } from "../core/logger.js";
import type { Store } from "../store/store.js";
import { DeliveryError, type ChatTransport } from "./transport.js";

export interface ChatEvents {
  /** The bot can no longer write to the chat: its alerts pause until it is back or /resume. */
  lost(chat: ChatId, reason: string): Promise<void>;
  /** The bot is back in the chat: alerts resume, unless a person paused them. */
  regained(chat: ChatId): Promise<void>;
  /**
   * The chat now lives at `to`: its subscriptions, cursor and queued alerts follow it. Resolves
   * false when the move was refused (a move back to an address that moved away would loop).
   */
  moved(from: ChatId, to: ChatId): Promise<boolean>;
}

export interface ChatEventDeps {
  store: Store;
  log: Logger;
  /** Alerts were re-addressed: give the new chat its place in delivery's rounds. */
  wake(): Promise<void>;
}

export function chatEvents({ store, log, wake }: ChatEventDeps): ChatEvents {
  /** Chats that moved away: a move back to one of them would be a loop. */
  const movedAway = new Set<ChatId>();
  return {
    async lost(chat, reason) {
      const state = await store.getChat(chat);
      // A chat that never subscribed has nothing to pause; one paused already keeps its reason.
      if (!state || state.paused) return;
      await store.setPaused(chat, true, reason);
      log.info({ chat, reason }, "chat paused: the platform says the bot lost it");
    },
    async regained(chat) {
      const state = await store.getChat(chat);
      // Only a pause the platform caused ends by itself; a person's own /pause stays until /resume.
      if (!state?.paused || state.pausedReason === undefined) return;
      await store.setPaused(chat, false);
      log.info({ chat }, "chat resumed: the bot is back in it");
    },
    async moved(from, to) {
      if (from === to || movedAway.has(to)) return false;
      await store.moveChat(from, to);
      movedAway.add(from);
      log.info({ chat: from, movedTo: to }, "chat moved: its subscriptions and alerts follow");
      await wake();
      return true;
    },
  };
}

/**
 * A transport whose failures may say the chat moved (`movedTo`): the move is raised as the chat
 * event, and the send reported as "moved", its alert now queued for the new address.
 */
export function followMoves(transport: ChatTransport, events: ChatEvents): ChatTransport {
  return {
    platform: transport.platform,
    async send(alert, options) {
      try {
        await transport.send(alert, options);
      } catch (error) {
        if (!(error instanceof DeliveryError) || error.movedTo === undefined) throw error;
        if (await events.moved(alert.chat, error.movedTo)) throw new DeliveryError(error.message, "moved");
        throw error;
      }
    },
  };
}
