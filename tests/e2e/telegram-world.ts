/**
 * The set-up of an end-to-end test on Telegram: the real bot process (bot-process.ts) on the fake
 * Bot API, a fake board, and a fresh store of one kind; people talk to the bot and tap its buttons
 * as Telegram would deliver it. Every bot started is killed when the world closes, so a failed
 * test leaves nothing polling.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { User } from "grammy/types";
import { startFakeBoard, type FakeBoard } from "../fakes/fake-board.js";
import { startFakeBotApi, type FakeBotApi, type StoredMessage } from "../fakes/fake-bot-api.js";
import { textMessage, type TalkChat } from "../fakes/telegram-updates.js";
import { startBot, type BotProcess } from "./bot-process.js";
import type { E2eStore } from "./stores.js";

export interface TelegramWorld {
  api: FakeBotApi;
  board: FakeBoard;
  /** Starts the bot on this world's Bot API, board and store, with these variables on top. */
  start(env?: Record<string, string>): BotProcess;
  /** Stops the bot with SIGTERM; resolves with its exit code. */
  stop(bot: BotProcess): Promise<number | null>;
  /** Sends `text` as `from` in `chat`; resolves with the bot's next message there. */
  say(chat: TalkChat, from: User, text: string): Promise<StoredMessage>;
  /** Taps a button with this data on `message` as `from`; resolves with the answer shown to them. */
  tap(message: StoredMessage, data: string, from: User): Promise<string>;
  close(): Promise<void>;
}

/** `env` gives the variables that point the bot at the board (SOURCES, …). */
export async function telegramWorld(
  kind: E2eStore,
  env: (board: FakeBoard) => Record<string, string>,
): Promise<TelegramWorld> {
  const board = await startFakeBoard();
  const api = await startFakeBotApi();
  const dataDir = await mkdtemp(join(tmpdir(), "jobhound-telegram-world-"));
  const base = {
    ...(await kind.env(dataDir)),
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    ...env(board),
  };
  const started: BotProcess[] = [];
  return {
    api,
    board,
    start(overrides = {}) {
      const bot = startBot({ ...base, ...overrides });
      started.push(bot);
      return bot;
    },
    async stop(bot) {
      if (bot.child.exitCode === null) bot.child.kill("SIGTERM");
      return bot.exited;
    },
    async say(chat, from, text) {
      const before = api.messages(chat.id).length;
      api.enqueue(textMessage(chat, from, text));
      await api.waitFor(`a reply to ${text}`, () => api.messages(chat.id).length > before);
      return api.messages(chat.id)[before] as StoredMessage;
    },
    async tap(message, data, from) {
      const id = api.press(message, data, from);
      await api.waitFor(`the answer to a tap on ${data}`, () => api.answered(id));
      const answer = api.calls("answerCallbackQuery").find((call) => call.params.callback_query_id === id);
      return String(answer?.params.text ?? "");
    },
    async close() {
      for (const bot of started) if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await Promise.all(started.map((bot) => bot.exited));
      await api.close();
      await board.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
