/**
 * The Telegram adapter in-process: the real startTelegram (getMe, setMyCommands, long polling)
 * against the fake Bot API, over a memory store, so a test talks to the bot as people do.
 */
import type { User } from "grammy/types";
import { defaultSettings, type SharedContext } from "../../../../commands/command.js";
import { telegramRates } from "../../../../src/adapters/telegram/addressing.js";
import { startTelegram } from "../../../../src/adapters/telegram/bot.js";
import type { RunningPlatform } from "../../../../src/adapters/platform.js";
import { memoryStore } from "../../../../src/store/memory-store.js";
import type { Store } from "../../../../src/store/store.js";
import { fixedClock } from "../../../fakes/clock.js";
import { platformContext } from "../../../fakes/platform-context.js";
import { startFakeBotApi, type FakeBotApi, type StoredMessage } from "../../../fakes/fake-bot-api.js";
import { recordingLogger, type RecordingLogger } from "../../../fakes/recording-logger.js";
import { textMessage, type TalkChat } from "../../../fakes/telegram-updates.js";

export interface Harness {
  api: FakeBotApi;
  store: Store;
  log: RecordingLogger;
  telegram: RunningPlatform;
  context: SharedContext;
  /** Sends a message as `from` in `chat` and resolves with the bot's next message there. */
  say(chat: TalkChat, from: User, text: string): Promise<StoredMessage>;
  /** Resolves once every queued update has been handled (the next reply to a probe arrived). */
  settle(chat: TalkChat, from: User): Promise<void>;
  /** Stops polling and starts a new bot process over the same store and Bot API. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(api?: FakeBotApi): Promise<Harness> {
  const fake = api ?? (await startFakeBotApi());
  const store = memoryStore();
  const log = recordingLogger();
  const context: SharedContext = {
    store,
    clock: fixedClock(),
    log,
    sources: [{ id: "weworkremotely", label: "We Work Remotely" }],
    settings: defaultSettings,
  };
  const platform = platformContext(context, { rates: telegramRates });
  const start = () => startTelegram({ token: fake.token, apiRoot: fake.apiRoot }, platform);
  const harness: Harness = {
    api: fake,
    store,
    log,
    context,
    telegram: await start(),
    async say(chat, from, text) {
      const before = fake.messages(chat.id).length;
      fake.enqueue(textMessage(chat, from, text));
      await fake.waitFor(`a reply to ${text} in ${chat.id}`, () => fake.messages(chat.id).length > before, 5_000);
      return fake.messages(chat.id)[before] as StoredMessage;
    },
    async settle(chat, from) {
      // Updates are handled in order: once the probe is answered, everything before it was too.
      await harness.say(chat, from, "/help");
    },
    async restart() {
      await harness.telegram.stop();
      harness.telegram = await start();
    },
    async stop() {
      await harness.telegram.stop();
      if (!api) await fake.close();
    },
  };
  return harness;
}
