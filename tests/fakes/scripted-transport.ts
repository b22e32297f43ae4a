/**
 * A ChatTransport whose answers a test scripts per chat: by default every send is received and
 * confirmed; `answer(chat, …)` queues what the next sends to that chat meet. It keeps what the
 * platform received (with the time), which is what a person sees, and every attempt.
 */
import type { Alert, Overflow } from "../../src/core/alert.js";
import type { ChatId, Platform } from "../../src/core/chat.js";
import type { Clock } from "../../src/core/clock.js";
import { DeliveryError, type ChatTransport, type SendOptions } from "../../src/delivery/transport.js";

export type Outcome =
  /** The platform refuses the message: it never reaches the chat. */
  | DeliveryError
  /** The request is lost on the way: no answer until the sender gives up (aborts). */
  | "no-answer"
  /** The message reaches the chat, but the answer is lost: the sender never hears back. */
  | "answer-lost";

export interface Received {
  chat: ChatId;
  jobIds: string[];
  at: number;
  /** The "N more jobs" line of the outbox bound, when the message was one. */
  overflow?: Overflow;
}

export interface ScriptedTransport extends ChatTransport {
  /** Messages that reached their chat, in order. */
  received: Received[];
  /** Every send call: chat and time. */
  attempts: { chat: ChatId; at: number }[];
  /** Queues outcomes for the next sends to `chat`, after which sends succeed again. */
  answer(chat: ChatId, ...outcomes: Outcome[]): void;
  /** From now on every send is received but never answered (the process is about to die). */
  freeze(): void;
  /** Jobs per message: a larger alert goes out as several messages, as a platform splits a long one. */
  jobsPerMessage: number;
  receivedBy(chat: ChatId): Received[];
  /** Job ids that reached a chat, across single and grouped messages, in order. */
  jobIdsOf(chat: ChatId): string[];
}

const silence = (signal: AbortSignal | undefined): Promise<never> =>
  new Promise((_, reject) =>
    signal?.addEventListener("abort", () => reject(new DeliveryError("aborted", "transient")), { once: true }),
  );

export function scriptedTransport(clock: Clock, platform: Platform = "telegram"): ScriptedTransport {
  const script = new Map<ChatId, Outcome[]>();
  let frozen = false;
  const transport: ScriptedTransport = {
    platform,
    received: [],
    attempts: [],
    answer: (chat, ...outcomes) => void script.set(chat, [...(script.get(chat) ?? []), ...outcomes]),
    freeze: () => void (frozen = true),
    jobsPerMessage: Infinity,
    receivedBy: (chat) => transport.received.filter((r) => r.chat === chat),
    jobIdsOf: (chat) => transport.receivedBy(chat).flatMap((r) => r.jobIds),
    async send(alert: Alert, { signal, nextMessage }: SendOptions = {}) {
      transport.attempts.push({ chat: alert.chat, at: clock.now() });
      const receive = async () => {
        if (alert.overflow)
          transport.received.push({ chat: alert.chat, jobIds: [], overflow: alert.overflow, at: clock.now() });
        const ids = alert.items.map((i) => i.job.id);
        for (let i = 0; i < ids.length; i += transport.jobsPerMessage) {
          if (i > 0) await nextMessage?.();
          transport.received.push({
            chat: alert.chat,
            jobIds: ids.slice(i, i + transport.jobsPerMessage),
            at: clock.now(),
          });
        }
      };
      if (frozen) {
        await receive();
        return silence(undefined);
      }
      const outcome = script.get(alert.chat)?.shift();
      if (outcome instanceof DeliveryError) throw outcome;
      if (outcome === "no-answer") return silence(signal);
      await receive();
      if (outcome === "answer-lost") return silence(signal);
    },
  };
  return transport;
}
