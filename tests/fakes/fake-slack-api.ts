/**
 * Slack's Web API on 127.0.0.1, for Bolt's `slackApiUrl` (SLACK_API_ROOT): auth.test,
 * chat.postMessage, chat.postEphemeral, chat.update, users.info and conversations.open, plus
 * response URLs (`responseUrl(id)`) that record what the bot answered to a command or button.
 *
 * Like Slack it allows 1 message per second per channel, counted on arrival: a chat.postMessage
 * to a channel sooner than that is answered 429 with Retry-After and kept in `rateLimited`. It
 * checks Block Kit's limits (50 blocks, section text 3,000, button text 75, a `text` fallback)
 * and records each breach in `violations`, so a test can assert that the bot never sent one; the
 * messages sent to response URLs (a command's answer, a replaced message) are checked the same way.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { blockKitBreaches } from "./slack-blocks.js";

export type Params = Record<string, unknown>;

export interface PostedMessage {
  method: string;
  channel: string;
  text: string;
  blocks: unknown[];
  /** Epoch ms when it arrived. */
  at: number;
}

export interface Response {
  id: string;
  body: { text?: string; blocks?: unknown[]; response_type?: string; replace_original?: boolean };
  at: number;
}

export const BOT_TOKEN = "xoxb-test-token-for-the-fake-api";
export const BOT_USER = "UBOT00001";
export const APP_TOKEN = "xapp-1-test-app-token";
const PER_CHANNEL_MS = 1_000;

async function readParams(request: IncomingMessage): Promise<Params> {
  let body = "";
  for await (const chunk of request) body += String(chunk);
  if (body === "") return {};
  if (String(request.headers["content-type"]).includes("application/json")) return JSON.parse(body) as Params;
  const params: Params = Object.fromEntries(new URLSearchParams(body));
  // The Web API client sends arrays and objects as JSON inside form fields.
  for (const key of ["blocks", "attachments"]) {
    if (typeof params[key] === "string") params[key] = JSON.parse(params[key]);
  }
  return params;
}

export type FakeSlackApi = Awaited<ReturnType<typeof startFakeSlackApi>>;

export async function startFakeSlackApi() {
  const calls: { method: string; params: Params; at: number }[] = [];
  const messages: PostedMessage[] = [];
  const responses: Response[] = [];
  const rateLimited: { channel: string; at: number }[] = [];
  const violations: string[] = [];
  const admins = new Set<string>();
  const lastPost = new Map<string, number>();
  /** Channels that refuse messages, with Slack's error ("channel_not_found", "is_archived", …). */
  const refusing = new Map<string, string>();

  const server = createServer((request, response) => {
    const answer = (status: number, body: object, headers: Record<string, string> = {}) =>
      response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    void (async () => {
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      const params = await readParams(request);
      const at = Date.now();
      const responseId = /^\/response\/([\w-]+)$/.exec(path)?.[1];
      if (responseId) {
        const breaches = blockKitBreaches(params.text, params.blocks);
        if (breaches.length > 0) {
          violations.push(...breaches.map((b) => `response to ${responseId}: ${b}`));
          return answer(400, { ok: false, error: "invalid_blocks" });
        }
        responses.push({ id: responseId, body: params as Response["body"], at });
        return answer(200, { ok: true });
      }
      const method = /^\/api\/([\w.]+)$/.exec(path)?.[1];
      if (!method) return answer(404, { ok: false, error: "unknown_method" });
      calls.push({ method, params, at });
      if (method === "apps.connections.open") {
        return request.headers.authorization === `Bearer ${APP_TOKEN}`
          ? answer(200, { ok: true, url: `ws://127.0.0.1:${port}/socket` })
          : answer(200, { ok: false, error: "invalid_auth" });
      }
      if (request.headers.authorization !== `Bearer ${BOT_TOKEN}` && params.token !== BOT_TOKEN)
        return answer(200, { ok: false, error: "invalid_auth" });
      switch (method) {
        case "auth.test":
          return answer(200, { ok: true, user_id: BOT_USER, bot_id: "BBOT00001", team: "Test team", team_id: "T0001" });
        case "users.info": {
          const user = String(params.user);
          return answer(200, { ok: true, user: { id: user, is_admin: admins.has(user), is_owner: false } });
        }
        case "conversations.open":
          return answer(200, { ok: true, channel: { id: `D${String(params.users)}` } });
        case "chat.postMessage":
        case "chat.postEphemeral":
        case "chat.update": {
          const channel = String(params.channel);
          const refusal = refusing.get(channel);
          if (refusal) return answer(200, { ok: false, error: refusal });
          const breaches = blockKitBreaches(params.text, params.blocks);
          if (breaches.length > 0) {
            violations.push(...breaches.map((b) => `${method} to ${channel}: ${b}`));
            return answer(200, { ok: false, error: "invalid_blocks" });
          }
          if (method === "chat.postMessage") {
            const last = lastPost.get(channel);
            if (last !== undefined && at - last < PER_CHANNEL_MS) {
              rateLimited.push({ channel, at });
              return answer(429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
            }
            lastPost.set(channel, at);
          }
          const text = String(params.text ?? "");
          messages.push({ method, channel, text, blocks: (params.blocks as unknown[] | undefined) ?? [], at });
          return answer(200, { ok: true, channel, ts: `${at / 1000}` });
        }
        default:
          return answer(200, { ok: false, error: "unknown_method" });
      }
    })().catch(() => response.writeHead(500).end());
  });
  // Socket Mode: Slack says hello on connect, then sends envelopes the app acknowledges by id.
  const sockets = new Set<WebSocket>();
  const acks: { envelope_id: string; payload?: unknown }[] = [];
  const socketServer = new WebSocketServer({ server, path: "/socket" });
  socketServer.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("message", (data) => acks.push(JSON.parse(String(data)) as { envelope_id: string }));
    socket.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0001" } }));
  });
  let nextEnvelope = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiRoot: `${base}/api/`,
    calls,
    messages,
    responses,
    rateLimited,
    violations,
    /** A response_url for one command or button press. */
    responseUrl: (id: string) => `${base}/response/${id}`,
    responsesTo: (id: string) => responses.filter((r) => r.id === id),
    posted: (channel: string) => messages.filter((m) => m.channel === channel && m.method === "chat.postMessage"),
    makeAdmin: (user: string) => void admins.add(user),
    refuse: (channel: string, error: string) => void refusing.set(channel, error),
    async waitFor(what: string, predicate: () => boolean, timeoutMs = 45_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    /** Socket Mode connections open now. */
    sockets: () => sockets.size,
    acks,
    /** Sends a Socket Mode envelope (e.g. "slash_commands") to every connection; returns its id. */
    envelope(type: string, payload: object): string {
      const id = `envelope-${nextEnvelope++}`;
      const message = JSON.stringify({
        envelope_id: id,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
      });
      for (const socket of sockets) socket.send(message);
      return id;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        socketServer.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
