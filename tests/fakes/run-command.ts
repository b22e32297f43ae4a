import { telegramAddressing } from "../../src/adapters/telegram/addressing.js";
/** Runs a registered command by name, as an adapter would, and gives its reply as terminal text. */
import { defaultSettings } from "../../commands/command.js";
import { findCommand } from "../../commands/index.js";
import { runCommand } from "../../commands/run.js";
import { renderReply } from "../../src/adapters/console/render.js";
import type { ChatId } from "../../src/core/chat.js";
import type { Clock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Store } from "../../src/store/store.js";
import { fixedClock } from "./clock.js";

export interface RunNamed {
  store: Store;
  chat: ChatId;
  args?: string;
  user?: string;
  page?: number;
  clock?: Clock;
}

export async function runNamed(
  name: string,
  { store, chat, args = "", user = "1", page = 0, clock = fixedClock() }: RunNamed,
) {
  const command = findCommand(name);
  if (!command) throw new Error(`no command /${name}`);
  const reply = await runCommand(command, {
    chat,
    user,
    args,
    page,
    store,
    clock,
    log: silentLogger,
    sources: [],
    settings: defaultSettings,
    // The tests talk as Telegram chats: a person's private chat is their user id.
    personalChat: (_chat, person) => telegramAddressing.personalChat?.(person) ?? _chat,
  });
  return renderReply(reply, clock.now());
}
