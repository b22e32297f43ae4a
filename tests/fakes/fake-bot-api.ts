/**
 * A Bot API server on 127.0.0.1 for grammY's apiRoot: getMe, getUpdates (long polling, held at
 * most a moment), sendMessage, editMessageText (HTML or text with entities),
 * editMessageReplyMarkup, answerCallbackQuery (at most 200 characters, each query answered once),
 * setMyCommands, getChatMember and deleteWebhook; press() queues a callback query. It records every call, keeps the messages it accepted, and
 * refuses what Telegram would refuse: malformed HTML, text over 4096 characters, bad buttons,
 * unknown chats. Each refusal of a malformed request is also kept in `violations`, so a test
 * can assert that the bot never sent one.
 *
 * Fault injection goes through per-method hooks, which see each call before the default
 * behaviour and may answer with an error, drop the connection, or never answer. With
 * `floodControl`, sendMessage enforces Telegram's flood limits (flood-limits.ts) and answers 429
 * with retry_after beyond them.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, ChatMember, Update, User, UserFromGetMe } from "grammy/types";
import { badRequest, checkMarkup, checkText, Refusal, type InlineButton } from "./bot-api-checks.js";
import { telegramFloodControl } from "./flood-limits.js";
import type { TextEntity } from "./telegram-html.js";
import { updateKind, type NewUpdate } from "./telegram-updates.js";
import { webhookSender } from "./webhook-delivery.js";

export type Params = Record<string, unknown>;

export interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface RecordedCall {
  method: string;
  params: Params;
  /** Epoch ms when the call arrived. */
  at: number;
  /** Set when the call was answered with an error. */
  failure?: ApiFailure;
}

/**
 * Sees a call first: an ApiFailure answers with it, "drop" closes the connection unanswered,
 * "hang" leaves the request unanswered until the client gives up (a timeout).
 */
export type Hook = (params: Params, call: RecordedCall) => ApiFailure | "drop" | "hang" | undefined;

export interface StoredMessage {
  message_id: number;
  chat: Chat;
  html: string;
  text: string;
  entities: TextEntity[];
  reply_markup?: { inline_keyboard: InlineButton[][] };
}

/** Bot API answers, worded as Telegram words them. */
export const failures = {
  blocked: (): ApiFailure => ({ error_code: 403, description: "Forbidden: bot was blocked by the user" }),
  kicked: (): ApiFailure => ({ error_code: 403, description: "Forbidden: bot was kicked from the supergroup chat" }),
  chatNotFound: (): ApiFailure => ({ error_code: 400, description: "Bad Request: chat not found" }),
  tooManyRequests: (retryAfter: number): ApiFailure => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
  migrated: (to: number): ApiFailure => ({
    error_code: 400,
    description: "Bad Request: group chat was upgraded to a supergroup chat",
    parameters: { migrate_to_chat_id: to },
  }),
  serverError: (): ApiFailure => ({ error_code: 502, description: "Bad Gateway" }),
};

/** A hook that fires on the first call it would answer, then never again. */
export function once(hook: Hook): Hook {
  let used = false;
  return (params, call) => {
    if (used) return undefined;
    const answer = hook(params, call);
    if (answer !== undefined) used = true;
    return answer;
  };
}

/** A hook answering calls to one chat with a failure. */
export const toChat =
  (chatId: number, failure: () => ApiFailure): Hook =>
  (params) =>
    Number(params.chat_id) === chatId ? failure() : undefined;

async function readParams(request: IncomingMessage): Promise<Params> {
  let body = "";
  for await (const chunk of request) body += String(chunk);
  if (body === "") return {};
  if (!String(request.headers["content-type"]).includes("application/json"))
    throw badRequest("the fake Bot API reads JSON bodies only");
  return JSON.parse(body) as Params;
}

export interface FakeBotApiOptions {
  token?: string;
  username?: string;
  /** Longest a getUpdates call is held open when nothing is queued. */
  maxHoldMs?: number;
  /** Enforce Telegram's flood limits on sendMessage, answering 429 beyond them. */
  floodControl?: boolean;
}

export type FakeBotApi = Awaited<ReturnType<typeof startFakeBotApi>>;

export async function startFakeBotApi({
  token = "123456:TEST-token-for-the-fake-api",
  username = "jobhound_test_bot",
  maxHoldMs = 500,
  floodControl = false,
}: FakeBotApiOptions = {}) {
  const botInfo: UserFromGetMe = {
    id: Number(token.split(":")[0]),
    is_bot: true,
    first_name: "Jobhound",
    username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
  const calls: RecordedCall[] = [];
  const violations: string[] = [];
  const hooks = new Map<string, Hook[]>();
  const flood = floodControl ? telegramFloodControl() : undefined;
  const chats = new Map<number, Chat>();
  const members = new Map<string, ChatMember["status"]>();
  const messages: StoredMessage[] = [];
  const callbacks = new Map<string, boolean>();
  let updates: Update[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let nextCallbackId = 1;
  let allowedUpdates: string[] = [];
  let wake: (() => void) | undefined;
  const webhook = webhookSender();

  const chatOf = (id: unknown): Chat => {
    const chat = chats.get(Number(id));
    if (!chat) throw badRequest("chat not found", false);
    return chat;
  };
  const deliverable = (update: Update) => allowedUpdates.length === 0 || allowedUpdates.includes(updateKind(update));

  async function getUpdates(params: Params): Promise<Update[]> {
    if (webhook.get()) {
      throw new Refusal({
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
    }
    if (Array.isArray(params.allowed_updates)) allowedUpdates = params.allowed_updates.map(String);
    const offset = Number(params.offset ?? 0);
    // Updates before the offset are confirmed: Telegram forgets them.
    updates = updates.filter((u) => u.update_id >= offset && deliverable(u));
    if (updates.length === 0 && Number(params.timeout ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(Number(params.timeout) * 1000, maxHoldMs));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      updates = updates.filter(deliverable);
    }
    return updates.slice(0, Number(params.limit ?? 100));
  }

  function sendMessage(params: Params): StoredMessage {
    const chat = chatOf(params.chat_id);
    const parsed = checkText(params.text, params.parse_mode);
    const reply_markup = checkMarkup(params.reply_markup);
    const message: StoredMessage = {
      message_id: nextMessageId++,
      chat,
      html: String(params.text),
      ...parsed,
      ...(reply_markup ? { reply_markup } : {}),
    };
    messages.push(message);
    return message;
  }

  function messageToEdit(params: Params): StoredMessage {
    const message = messages.find(
      (m) => m.chat.id === Number(params.chat_id) && m.message_id === Number(params.message_id),
    );
    if (!message) throw badRequest("message to edit not found", false);
    return message;
  }

  const notModified = () =>
    badRequest("message is not modified: specified new message content and reply markup are exactly the same", false);

  function editMessageText(params: Params): StoredMessage {
    const message = messageToEdit(params);
    const parsed = checkText(params.text, params.parse_mode, params.entities);
    const reply_markup = checkMarkup(params.reply_markup);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (
      parsed.text === message.text &&
      same(parsed.entities, message.entities) &&
      same(reply_markup, message.reply_markup)
    )
      throw notModified();
    Object.assign(message, { html: String(params.text), ...parsed, reply_markup });
    return message;
  }

  /** Changes only the keyboard; without reply_markup, removes it. */
  function editMessageReplyMarkup(params: Params): StoredMessage {
    const message = messageToEdit(params);
    const reply_markup = checkMarkup(params.reply_markup);
    if (JSON.stringify(reply_markup) === JSON.stringify(message.reply_markup)) throw notModified();
    if (reply_markup) message.reply_markup = reply_markup;
    else delete message.reply_markup;
    return message;
  }

  function answerCallbackQuery(params: Params): true {
    const id = String(params.callback_query_id);
    if (callbacks.get(id) !== false)
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    if (typeof params.text === "string" && params.text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    callbacks.set(id, true);
    return true;
  }

  function setMyCommands(params: Params): true {
    const list = params.commands as { command: string; description: string }[];
    if (!Array.isArray(list) || list.length > 100) throw badRequest("too many commands");
    for (const c of list) {
      if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
      if (c.description.length < 1 || c.description.length > 256) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return true;
  }

  const methods: Record<string, (params: Params) => unknown> = {
    getMe: () => botInfo,
    deleteWebhook: () => {
      webhook.set(undefined);
      return true;
    },
    setWebhook: (params) => {
      if (typeof params.url !== "string" || !/^https?:\/\//.test(params.url))
        throw badRequest("bad webhook: invalid URL");
      if (Array.isArray(params.allowed_updates)) allowedUpdates = params.allowed_updates.map(String);
      webhook.set({
        url: params.url,
        ...(typeof params.secret_token === "string" ? { secret: params.secret_token } : {}),
      });
      for (const update of updates.splice(0)) if (deliverable(update)) webhook.deliver(update);
      return true;
    },
    getWebhookInfo: () => ({ url: webhook.get()?.url ?? "", has_custom_certificate: false, pending_update_count: 0 }),
    getUpdates,
    sendMessage,
    editMessageText,
    editMessageReplyMarkup,
    answerCallbackQuery,
    setMyCommands,
    getChatMember: (params) => ({
      status: members.get(`${Number(params.chat_id)}/${Number(params.user_id)}`) ?? "member",
      user: { id: Number(params.user_id), is_bot: false, first_name: "Someone" },
    }),
  };

  const server = createServer((request, response) => {
    const answer = (status: number, body: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    const fail = (failure: ApiFailure) => answer(failure.error_code, { ok: false, ...failure });
    void (async () => {
      const route = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(request.url ?? "/", "http://fake").pathname);
      if (!route) return fail({ error_code: 404, description: "Not Found" });
      if (route[1] !== token) return fail({ error_code: 401, description: "Unauthorized" });
      const method = route[2] ?? "";
      const call: RecordedCall = { method, params: {}, at: Date.now() };
      calls.push(call);
      try {
        call.params = await readParams(request);
        for (const hook of hooks.get(method) ?? []) {
          const injected = hook(call.params, call);
          if (injected === "drop") return request.socket.destroy();
          if (injected === "hang") return;
          if (injected) throw new Refusal(injected);
        }
        // Judged on arrival, as Telegram counts: the limits hold whatever order requests finish in.
        const limited = method === "sendMessage" ? flood?.admit(Number(call.params.chat_id), call.at) : undefined;
        if (limited) throw new Refusal(failures.tooManyRequests(limited.retryAfter));
        const handler = methods[method];
        if (!handler) throw new Refusal({ error_code: 404, description: "Not Found" });
        answer(200, { ok: true, result: await handler(call.params) });
      } catch (error) {
        const refusal =
          error instanceof Refusal
            ? error
            : new Refusal({ error_code: 500, description: `the fake failed: ${String(error)}` }, true);
        call.failure = refusal.failure;
        if (refusal.malformed)
          violations.push(`${method}: ${refusal.failure.description}\n${JSON.stringify(call.params)}`);
        fail(refusal.failure);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  function enqueue(update: NewUpdate): number {
    const full = { ...update, update_id: nextUpdateId++ } as Update;
    for (const chat of [full.message?.chat, full.callback_query?.message?.chat, full.my_chat_member?.chat])
      if (chat) chats.set(chat.id, chat);
    if (webhook.get()) webhook.deliver(full);
    else updates.push(full);
    wake?.();
    return full.update_id;
  }

  return {
    token,
    botInfo,
    apiRoot: `http://127.0.0.1:${port}`,
    /** Every call so far (of one method, when given), in arrival order. */
    calls: (method?: string) => calls.filter((c) => method === undefined || c.method === method),
    /** Messages the fake accepted, in their current (edited) state; of one chat when given. */
    messages: (chatId?: number) => messages.filter((m) => chatId === undefined || m.chat.id === chatId),
    /** Requests Telegram would refuse as malformed: must stay empty. */
    violations,
    /** sendMessage calls refused with 429 by the flood limits (not by hooks). */
    tooManyRequests: () => flood?.refused() ?? 0,
    /** Adds a hook for a method; returns a function that removes it. */
    hook(method: string, hook: Hook): () => void {
      hooks.set(method, [...(hooks.get(method) ?? []), hook]);
      return () =>
        hooks.set(
          method,
          (hooks.get(method) ?? []).filter((h) => h !== hook),
        );
    },
    /** Makes a chat known without an update (a supergroup a group migrated to). */
    addChat: (chat: Chat) => void chats.set(chat.id, chat),
    setMemberStatus: (chatId: number, userId: number, status: ChatMember["status"]) =>
      void members.set(`${chatId}/${userId}`, status),
    enqueue,
    /** A press of a button on a message the bot sent; returns the callback query id. */
    press(message: StoredMessage, data: string, from: User): string {
      const id = String(nextCallbackId++);
      callbacks.set(id, false);
      const shown = {
        message_id: message.message_id,
        date: Math.floor(Date.now() / 1000),
        chat: message.chat,
        text: message.text,
        entities: message.entities,
        // Telegram hands back the keyboard the message had when it was tapped.
        ...(message.reply_markup ? { reply_markup: structuredClone(message.reply_markup) } : {}),
      };
      enqueue({
        callback_query: { id, from, chat_instance: String(message.chat.id), data, message: shown },
      } as NewUpdate);
      return id;
    },
    /** The webhook setWebhook set, POSTs of updates to it, and what they were answered. */
    webhook,
    /** Whether a callback query was answered. */
    answered: (callbackId: string) => callbacks.get(callbackId) === true,
    async waitFor(what: string, predicate: () => boolean, timeoutMs = 45_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline)
          throw new Error(
            `timed out waiting for ${what}\ncalls:\n${calls.map((c) => `${c.method} ${JSON.stringify(c.params).slice(0, 200)}`).join("\n")}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        wake?.();
        webhook.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
