/**
 * Requests as Slack sends them to /slack/events: form-encoded slash commands and block_actions
 * payloads, signed with the signing secret (`v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}`).
 */
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
}

/** Posts a form body to the bot's /slack/events as Slack would; resolves with the HTTP status. */
export async function postToBot(url: string, body: string, options: SendOptions = {}): Promise<number> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature(options.secret ?? SIGNING_SECRET, timestamp, body),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

export function slashCommandBody(fields: { user: string; channel: string; text: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: "T0001",
    team_domain: "test",
    channel_id: fields.channel,
    channel_name: fields.channel.startsWith("D") ? "directmessage" : "jobs",
    user_id: fields.user,
    user_name: fields.user.toLowerCase(),
    command: "/jobhound",
    text: fields.text,
    api_app_id: "A0001",
    response_url: fields.responseUrl,
    trigger_id: "1.2.3",
  }).toString();
}

/** A press on a button; `message` is the message it sits on, sent back by Slack with its blocks. */
export function buttonBody(fields: {
  user: string;
  channel: string;
  actionId: string;
  value: string;
  responseUrl: string;
  blockId?: string;
  message?: { text: string; blocks: unknown[] };
}): string {
  const payload = {
    type: "block_actions",
    team: { id: "T0001", domain: "test" },
    user: { id: fields.user, username: fields.user.toLowerCase(), team_id: "T0001" },
    api_app_id: "A0001",
    token: "verification-token-unused",
    container: { type: "message", message_ts: "1.0", channel_id: fields.channel, is_ephemeral: !fields.message },
    trigger_id: "1.2.3",
    channel: { id: fields.channel, name: "jobs" },
    response_url: fields.responseUrl,
    ...(fields.message ? { message: { type: "message", ts: "1.0", user: "UBOT00001", ...fields.message } } : {}),
    actions: [
      {
        type: "button",
        action_id: fields.actionId,
        block_id: fields.blockId ?? "pager",
        value: fields.value,
        text: { type: "plain_text", text: "Next", emoji: true },
        action_ts: "1.1",
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
