/**
 * The payload behind an alert's buttons (issue #18): `a1:<action>:<job seq, base 36>:<mac>`, at most
 * 32 characters, well inside Telegram's 64-byte callback_data and Discord's 100-character custom_id.
 *
 * How a tap is known to come from the chat the alert went to: the mac is an HMAC of the action,
 * the job and the chat, keyed by a per-installation secret and cut to 11 base64url characters
 * (66 bits). A payload copied into another chat, edited, or made up fails the check, without the
 * store having to remember every alert it sent (a record per chat and alert would be rewritten on
 * every commit); and because the secret outlives restarts, so do the buttons.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ChatId } from "./chat.js";

export const ALERT_ACTIONS = ["save", "unsave", "hide", "mute"] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

const CODES: Readonly<Record<AlertAction, string>> = { save: "s", unsave: "u", hide: "h", mute: "m" };
const BY_CODE = new Map(ALERT_ACTIONS.map((action) => [CODES[action], action] as const));
const MAC_LENGTH = 11;
const PAYLOAD = /^a1:([suhm]):([0-9a-z]{1,11}):([A-Za-z0-9_-]{11})$/;

export interface AlertActionRequest {
  action: AlertAction;
  /** The job's seq (Job.seq). */
  seq: number;
}

export type DecodedPayload =
  | ({ ok: true } & AlertActionRequest)
  /** Not a payload of ours at all (another version, truncated, garbage). */
  | { ok: false; reason: "malformed" }
  /** Well formed, but not made for this chat: copied from another chat, or edited. */
  | { ok: false; reason: "foreign" };

export interface AlertActionCodec {
  encode(chat: ChatId, request: AlertActionRequest): string;
  decode(chat: ChatId, payload: string): DecodedPayload;
}

/**
 * The codec's secret for one installation, derived from the platform's bot token: every copy of the
 * bot computes the same one, it survives restarts, and it changes when the token is revoked.
 */
export const alertActionSecret = (token: string): string =>
  createHmac("sha256", token).update("jobhound alert actions").digest("base64url");

/** `secret` must stay the same across restarts (buttons sent earlier carry macs made with it). */
export function alertActionCodec(secret: string): AlertActionCodec {
  if (secret.length < 16) throw new Error("the alert action secret must have at least 16 characters");
  const mac = (chat: ChatId, head: string) =>
    createHmac("sha256", secret).update(`${head}|${chat}`).digest("base64url").slice(0, MAC_LENGTH);
  return {
    encode(chat, { action, seq }) {
      if (!Number.isSafeInteger(seq) || seq <= 0) throw new Error(`not a job seq: ${seq}`);
      const head = `a1:${CODES[action]}:${seq.toString(36)}`;
      return `${head}:${mac(chat, head)}`;
    },
    decode(chat, payload) {
      const match = PAYLOAD.exec(payload);
      const action = match && BY_CODE.get(match[1] ?? "");
      const seq = match ? parseInt(match[2] ?? "", 36) : NaN;
      if (!match || !action || !Number.isSafeInteger(seq) || seq <= 0) return { ok: false, reason: "malformed" };
      const head = payload.slice(0, payload.lastIndexOf(":"));
      const expected = Buffer.from(mac(chat, head));
      const given = Buffer.from(match[3] ?? "");
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, reason: "foreign" };
      return { ok: true, action, seq };
    },
  };
}
