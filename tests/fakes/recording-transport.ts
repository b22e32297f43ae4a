/** A ChatTransport that records what it was asked to send, and fails on demand. */
import type { Alert } from "../../src/core/alert.js";
import type { ChatId, Platform } from "../../src/core/chat.js";
import type { ChatTransport, DeliveryError } from "../../src/delivery/transport.js";

export interface RecordingTransport extends ChatTransport {
  sent: Alert[];
  sentTo(chat: ChatId): Alert[];
  /** Job ids sent to a chat, across single and grouped alerts, in order. */
  jobIdsSentTo(chat: ChatId): string[];
  /** The next sends to this chat throw this error, until removed. */
  failures: Map<ChatId, DeliveryError>;
}

export function recordingTransport(platform: Platform = "telegram"): RecordingTransport {
  const transport: RecordingTransport = {
    platform,
    sent: [],
    failures: new Map(),
    sentTo: (chat) => transport.sent.filter((a) => a.chat === chat),
    jobIdsSentTo: (chat) => transport.sentTo(chat).flatMap((a) => a.items.map((i) => i.job.id)),
    async send(alert) {
      const failure = transport.failures.get(alert.chat);
      if (failure) throw failure;
      transport.sent.push(alert);
    },
  };
  return transport;
}
