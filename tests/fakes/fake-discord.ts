/**
 * A small Discord on 127.0.0.1: the REST routes Jobhound uses and a gateway WebSocket, enough for
 * the real discord.js Client to log in, receive slash commands and answer them.
 *
 * discord.js finds the gateway by asking REST (GET /gateway/bot), so pointing its REST base here
 * brings the WebSocket here too. The gateway says HELLO, answers IDENTIFY with READY (the bot's
 * user, its application, one guild marked unavailable) followed by that guild's GUILD_CREATE,
 * answers RESUME of its one session with RESUMED, acknowledges heartbeats, and dispatches whatever
 * INTERACTION_CREATE a test sends; a test can drop every connection as Discord sometimes does. Every REST
 * request is recorded; channels can be told to refuse messages with a Discord error code, and a
 * token containing "invalid" is refused (401) as Discord refuses a revoked one.
 *
 * As Discord does, it answers an interaction once (a second callback: 400, code 40060), accepts
 * only the callback types the interaction's type allows (DEFERRED_UPDATE_MESSAGE and
 * UPDATE_MESSAGE only for a component), applies UPDATE_MESSAGE to the message the component is on,
 * and refuses a message whose buttons break Discord's limits (400, code 50035; discord-components.ts).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { componentBreaches } from "./discord-components.js";

export const BOT_ID = "100000000000000001";
export const APP_ID = "100000000000000002";
export const GUILD_ID = "200000000000000001";
export const CHANNEL_ID = "300000000000000001";

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization?: string;
}

export interface Refusal {
  status: number;
  code: number;
  message: string;
}

export interface FakeDiscord {
  /** The REST base to configure, e.g. DISCORD_API_ROOT (discord.js appends /v10). */
  apiRoot: string;
  requests: RecordedRequest[];
  /** The IDENTIFY payloads received, and the RESUME ones, in order. */
  identifies: Record<string, unknown>[];
  resumes: Record<string, unknown>[];
  /** Gateway connections open now (Discord allows one session per shard: several copies must share one). */
  connections(): number;
  /** Closes every gateway connection with this close code (4000, "unknown error", lets a client resume). */
  dropConnections(code?: number): void;
  heartbeatsAcked(): number;
  /** Sends an INTERACTION_CREATE to every connected client; returns the interaction's token. */
  interact(interaction: Record<string, unknown>): string;
  /** Requests answering the interaction with this token: its callback, edits, follow-ups. */
  answersTo(token: string): RecordedRequest[];
  /** Message bodies posted into a channel. */
  messagesIn(channelId: string): Record<string, unknown>[];
  /** The messages of a channel as they are now (with their ids, after any UPDATE_MESSAGE). */
  currentMessagesIn(channelId: string): Record<string, unknown>[];
  /** Requests refused for breaking Discord's rules, as sentences. */
  violations: string[];
  /** The DM channel id the fake opened for this user, once it did. */
  dmChannelOf(userId: string): string | undefined;
  /** Posting into this channel ("user:<id>": the DM with this user) fails with this error until cleared. */
  refuse(target: string, refusal: Refusal | undefined): void;
  waitFor<T>(what: string, find: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

const HEARTBEAT_INTERVAL_MS = 1_000;
/** The callback types each interaction type may be answered with (2 command, 3 component, 4 autocomplete). */
const ALLOWED_CALLBACKS: Readonly<Record<number, readonly number[]>> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8] };
const SESSION_ID = "fake-session";

export const botUser = {
  id: BOT_ID,
  username: "jobhound",
  discriminator: "0",
  global_name: "Jobhound",
  avatar: null,
  bot: true,
};

function guildCreate() {
  const joined = new Date(0).toISOString();
  return {
    id: GUILD_ID,
    name: "Test Server",
    icon: null,
    owner_id: "400000000000000099",
    unavailable: false,
    large: false,
    member_count: 3,
    joined_at: joined,
    features: [],
    roles: [
      {
        id: GUILD_ID,
        name: "@everyone",
        permissions: "3072",
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: [
      { id: CHANNEL_ID, type: 0, name: "jobs", position: 0, permission_overwrites: [], nsfw: false, parent_id: null },
    ],
    members: [{ user: botUser, roles: [], joined_at: joined, deaf: false, mute: false, flags: 0 }],
    threads: [],
    presences: [],
    voice_states: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

function messageFrom(channelId: string, id: string, body: Record<string, unknown>) {
  return {
    id,
    channel_id: channelId,
    type: 0,
    author: botUser,
    content: "",
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
    ...body,
  };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  let raw = "";
  for await (const chunk of request) raw += String(chunk);
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const requests: RecordedRequest[] = [];
  const identifies: Record<string, unknown>[] = [];
  const resumes: Record<string, unknown>[] = [];
  const refusals = new Map<string, Refusal>();
  const dmChannels = new Map<string, string>();
  const messages = new Map<string, Record<string, unknown>>();
  /** Interactions sent, by token: their type, the message a component is on, and whether answered. */
  const interactions = new Map<string, { type: number; messageId?: string; answered: boolean }>();
  const violations: string[] = [];
  const sockets = new Set<WebSocket>();
  let snowflake = 900000000000000000n;
  const nextId = () => String(++snowflake);
  let sequence = 0;
  let acks = 0;

  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname).replace(
        /^\/api\/v10/,
        "",
      );
      const body = await readBody(request);
      const method = request.method ?? "GET";
      const authorization = request.headers.authorization;
      requests.push({ method, path, body, ...(authorization ? { authorization } : {}) });
      const json = (status: number, data?: unknown) => {
        if (data === undefined) return void response.writeHead(status).end();
        response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(data));
      };
      const fields = (body ?? {}) as Record<string, unknown>;

      if (authorization?.includes("invalid")) return json(401, { code: 0, message: "401: Unauthorized" });
      if (method === "GET" && path === "/gateway/bot") {
        return json(200, {
          url: `ws://127.0.0.1:${port}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        });
      }
      if (method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
        return json(
          200,
          (body as Record<string, unknown>[]).map((command) => ({
            ...command,
            id: nextId(),
            application_id: APP_ID,
            version: nextId(),
          })),
        );
      }
      const invalid = (what: string, breaches: string[]) => {
        violations.push(...breaches.map((breach) => `${what}: ${breach}`));
        json(400, { code: 50035, message: "Invalid Form Body" });
      };
      const callback = /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(path);
      if (method === "POST" && callback) {
        const interaction = interactions.get(callback[1] as string);
        if (!interaction) return json(404, { code: 10062, message: "Unknown interaction" });
        if (interaction.answered)
          return json(400, { code: 40060, message: "Interaction has already been acknowledged." });
        const type = Number(fields.type);
        if (!(ALLOWED_CALLBACKS[interaction.type] ?? []).includes(type))
          return invalid("interaction callback", [`type ${type} answers no interaction of type ${interaction.type}`]);
        const data = (fields.data ?? {}) as Record<string, unknown>;
        const breaches = componentBreaches(data.components);
        if (breaches.length > 0) return invalid("interaction callback", breaches);
        interaction.answered = true;
        const message = interaction.messageId === undefined ? undefined : messages.get(interaction.messageId);
        if (type === 7 && message)
          for (const key of ["content", "embeds", "components"] as const) if (key in data) message[key] = data[key];
        return json(204);
      }
      const webhook = /^\/webhooks\/\d+\/[^/]+(?:\/messages\/@original)?$/.exec(path);
      if (webhook && (method === "PATCH" || method === "POST")) {
        const breaches = componentBreaches(fields.components);
        if (breaches.length > 0) return invalid("webhook message", breaches);
        return json(200, messageFrom(CHANNEL_ID, nextId(), fields));
      }
      if (webhook && method === "DELETE") return json(204);
      if (method === "POST" && path === "/users/@me/channels") {
        const recipient = String(fields.recipient_id);
        const id = dmChannels.get(recipient) ?? nextId();
        dmChannels.set(recipient, id);
        return json(200, {
          id,
          type: 1,
          recipients: [{ id: recipient, username: "someone", discriminator: "0", avatar: null }],
        });
      }
      const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(path);
      if (method === "POST" && channelMessage) {
        const channelId = channelMessage[1] as string;
        const dmUser = [...dmChannels].find(([, id]) => id === channelId)?.[0];
        const refusal = refusals.get(channelId) ?? (dmUser ? refusals.get(`user:${dmUser}`) : undefined);
        if (refusal) return json(refusal.status, { code: refusal.code, message: refusal.message });
        const breaches = componentBreaches(fields.components);
        if (breaches.length > 0) return invalid("channel message", breaches);
        const message = messageFrom(channelId, nextId(), fields);
        messages.set(message.id, message);
        return json(200, message);
      }
      json(404, { code: 0, message: "404: Not Found" });
    })().catch(() => response.writeHead(500).end());
  });

  const gateway = new WebSocketServer({ server, path: "/gateway" });
  const send = (socket: WebSocket, payload: object) => socket.send(JSON.stringify(payload));
  const dispatch = (socket: WebSocket, t: string, d: unknown) => send(socket, { op: 0, t, s: ++sequence, d });

  gateway.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    send(socket, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } });
    socket.on("message", (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (payload.op === 1) {
        acks += 1;
        send(socket, { op: 11 });
      } else if (payload.op === 2) {
        identifies.push(payload.d);
        dispatch(socket, "READY", {
          v: 10,
          user: botUser,
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: SESSION_ID,
          resume_gateway_url: `ws://127.0.0.1:${port}/gateway`,
          shard: [0, 1],
          application: { id: APP_ID, flags: 0 },
        });
        dispatch(socket, "GUILD_CREATE", guildCreate());
      } else if (payload.op === 6) {
        resumes.push(payload.d);
        // Nothing was dispatched while the client was away, so there is nothing to replay.
        if (payload.d.session_id === SESSION_ID) dispatch(socket, "RESUMED", {});
        else send(socket, { op: 9, d: false });
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeDiscord = {
    apiRoot: `http://127.0.0.1:${port}/api`,
    requests,
    identifies,
    resumes,
    connections: () => sockets.size,
    dropConnections(code = 4000) {
      for (const socket of sockets) socket.close(code, "fake Discord dropped the connection");
    },
    heartbeatsAcked: () => acks,
    interact(interaction) {
      const token = `token-${nextId()}`;
      const message = interaction.message as { id?: string } | undefined;
      interactions.set(token, {
        type: Number(interaction.type),
        ...(message?.id === undefined ? {} : { messageId: message.id }),
        answered: false,
      });
      const data = {
        id: nextId(),
        application_id: APP_ID,
        token,
        version: 1,
        locale: "en-US",
        entitlements: [],
        authorizing_integration_owners: {},
        ...interaction,
      };
      for (const socket of sockets) dispatch(socket, "INTERACTION_CREATE", data);
      return token;
    },
    answersTo: (token) => requests.filter((r) => r.path.includes(`/${token}`)),
    messagesIn: (channelId) =>
      requests
        .filter((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages`)
        .map((r) => r.body as Record<string, unknown>),
    currentMessagesIn: (channelId) => [...messages.values()].filter((m) => m.channel_id === channelId),
    violations,
    dmChannelOf: (userId) => dmChannels.get(userId),
    refuse(target, refusal) {
      if (refusal) refusals.set(target, refusal);
      else refusals.delete(target);
    },
    async waitFor(what, find, timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found !== undefined && found !== false) return found;
        if (Date.now() > deadline) throw new Error(`fake Discord: timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        gateway.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
