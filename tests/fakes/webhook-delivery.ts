/**
 * The fake Bot API's webhook side, as Telegram does it: once setWebhook named a URL, each update
 * is POSTed there as JSON with the secret token in X-Telegram-Bot-Api-Secret-Token, and an update
 * not answered 2xx is delivered again a moment later (Telegram keeps retrying for a day; here a
 * bounded number of times). getUpdates is refused while a webhook is set, as Telegram refuses it.
 */
import type { Update } from "grammy/types";

export interface WebhookSetting {
  url: string;
  secret?: string;
}

export interface Delivery {
  updateId: number;
  /** HTTP status of the answer, or 0 when the connection failed. */
  status: number;
}

const RETRY_MS = 100;
const MAX_TRIES = 100;

export function webhookSender() {
  let setting: WebhookSetting | undefined;
  const deliveries: Delivery[] = [];
  let stopped = false;

  /** `secret` null sends no secret header at all. */
  async function post(update: Update, secret: string | null | undefined = setting?.secret): Promise<number> {
    if (!setting) return 0;
    try {
      const response = await fetch(setting.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret === undefined || secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }),
        },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  }

  async function deliver(update: Update): Promise<void> {
    for (let tries = 0; tries < MAX_TRIES && !stopped && setting; tries += 1) {
      const status = await post(update);
      deliveries.push({ updateId: update.update_id, status });
      if (status >= 200 && status < 300) return;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  return {
    set: (next: WebhookSetting | undefined) => void (setting = next),
    get: () => setting,
    /** Sends an update the way Telegram would; retried until answered 2xx. */
    deliver: (update: Update) => void deliver(update),
    /** One POST of an update with any secret (or none): what a forger, or a redelivery, sends. */
    post,
    deliveries,
    stop: () => void (stopped = true),
  };
}
