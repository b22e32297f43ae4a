/**
 * What delivery needs from a platform: send one alert to one chat, and say how a failure should
 * be treated. Each adapter implements this with its own client and renderer
 * (docs/ARCHITECTURE.md "Platforms are plug-ins").
 */
import type { Alert } from "../core/alert.js";
import type { Platform } from "../core/chat.js";

export type FailureKind =
  /** Try again later with backoff: 5xx, timeouts, network errors. */
  | "transient"
  /** The platform said when to try again (HTTP 429 retry_after). */
  | "rate-limited"
  /** The chat will not accept alerts (blocked, kicked, deleted, missing access): pause it. */
  | "permanent"
  /**
   * The chat moved to a new address and the transport raised the "moved" chat event: its queued
   * alerts, this one included, now belong to the new chat and are sent there.
   */
  | "moved";

/**
 * Whom a "rate-limited" answer holds back: the one chat (the default), or every send to the
 * platform, when the answer says the limit was the platform's (Discord's `global: true`).
 * Telegram's answers never say which limit was hit; delivery itself treats two chats limited at
 * once as the platform's limit (limiter.ts).
 */
export type RateLimitScope = "chat" | "platform";

export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly retryAfterMs?: number,
    /** Set when the platform says the chat moved (the transport raises the chat event). */
    readonly movedTo?: string,
    readonly scope: RateLimitScope = "chat",
  ) {
    super(message);
  }
}

export interface SendOptions {
  /**
   * Aborted when delivery stops waiting for an answer: a transport passes it on to its HTTP
   * client, so that an abandoned request is not delivered later behind delivery's back.
   */
  signal?: AbortSignal;
  /**
   * For an alert the platform needs several messages for (a long grouped alert): awaited before
   * each message after the first, so that every message is paced within the platform's limits.
   */
  nextMessage?: () => Promise<void>;
}

export interface ChatTransport {
  platform: Platform;
  /** Resolves once the platform confirmed the alert's messages; throws DeliveryError otherwise. */
  send(alert: Alert, options?: SendOptions): Promise<void>;
}
