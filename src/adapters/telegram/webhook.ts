/**
 * Telegram updates by webhook (TELEGRAM_WEBHOOK_URL): Telegram POSTs each update to the bot's
 * HTTP server, with the secret token given to setWebhook in `X-Telegram-Bot-Api-Secret-Token`.
 *
 * - A request without the right secret is answered 401 and never reaches a handler.
 * - Bodies are capped: an update is a few KB; anything over MAX_BODY_BYTES is refused (413)
 *   without reading it whole.
 * - Telegram redelivers an update it got no 200 for (a slow answer, a restart), so an update is
 *   handled once: the ids of recent updates are remembered, and a redelivered one is answered
 *   200 without running again.
 * - The answer is sent once the update was handled (or failed: bot.catch logs it): a process that
 *   dies meanwhile gets the update again from Telegram rather than losing it.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { Logger } from "../../core/logger.js";
import type { HttpHandler } from "../platform.js";

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const MAX_BODY_BYTES = 1 << 20;
/** Telegram redelivers for up to a day, but only updates still unanswered: a few thousand ids cover it. */
const REMEMBERED_UPDATES = 10_000;

/**
 * The secret token when none is configured: derived from the bot token, so every copy of the bot
 * and every restart uses the same one without storing it, and nobody without the token can
 * compute it. Telegram allows 1-256 characters of A-Z, a-z, 0-9, _ and -.
 */
export function derivedWebhookSecret(botToken: string): string {
  return createHmac("sha256", botToken).update("jobhound telegram webhook").digest("base64url");
}

const sameSecret = (given: string, expected: string): boolean => {
  // Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
};

/** Ids seen recently, oldest forgotten first. */
function recentIds(capacity: number) {
  const ids = new Set<number>();
  return {
    /** false when the id was seen already; remembers it otherwise. */
    add(id: number): boolean {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > capacity) ids.delete(ids.values().next().value as number);
      return true;
    },
    forget: (id: number) => void ids.delete(id),
  };
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseUpdate(body: string): Update | undefined {
  try {
    const update = JSON.parse(body) as Partial<Update> | null;
    return update && Number.isSafeInteger(update.update_id) ? (update as Update) : undefined;
  } catch {
    return undefined;
  }
}

export interface WebhookDeps {
  secret: string;
  handleUpdate(update: Update): Promise<void>;
  log: Logger;
}

export function webhookHandler({ secret, handleUpdate, log }: WebhookDeps): HttpHandler {
  const seen = recentIds(REMEMBERED_UPDATES);
  const end = (response: ServerResponse, status: number) => void response.writeHead(status).end();
  return async (request, response) => {
    if (request.method !== "POST") return end(response, 405);
    const given = request.headers[SECRET_HEADER];
    if (typeof given !== "string" || !sameSecret(given, secret)) {
      log.warn({ from: request.socket.remoteAddress }, "webhook request with a wrong secret token refused");
      request.resume();
      return end(response, 401);
    }
    const body = await readBody(request);
    if (body === undefined) {
      request.resume();
      return end(response, 413);
    }
    const update = parseUpdate(body);
    if (!update) return end(response, 400);
    if (!seen.add(update.update_id)) {
      log.debug({ update: update.update_id }, "update delivered again: already handled");
      return end(response, 200);
    }
    try {
      await handleUpdate(update);
    } catch (error) {
      // bot.catch logs handler errors; this is grammY itself failing. Let Telegram deliver it again.
      seen.forget(update.update_id);
      log.error({ update: update.update_id, error }, "webhook update failed");
      return end(response, 500);
    }
    end(response, 200);
  };
}
