/**
 * Which chat platforms run: each adapter whose token is set, side by side in one process, and the
 * console when no token is set. Adding a platform is one import and one line here.
 */
import type { SharedContext } from "../commands/command.js";
import { consoleAdapter } from "./adapters/console/console.js";
import { startTelegram } from "./adapters/telegram/bot.js";
import type { Config } from "./config.js";
import type { Logger } from "./core/logger.js";
import type { ChatTransport } from "./delivery/transport.js";

export interface RunningPlatform {
  name: string;
  transport: ChatTransport;
  stop(): Promise<void>;
  /** Resolves when the platform ends by itself (the console at end of input); rejects when it fails. */
  ended?: Promise<void>;
}

export async function startPlatforms(config: Config, context: SharedContext, log: Logger): Promise<RunningPlatform[]> {
  const running: RunningPlatform[] = [];
  if (config.DISCORD_TOKEN) {
    throw new Error("the Discord adapter is not built yet: unset DISCORD_TOKEN");
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const telegram = await startTelegram({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT }, context, log.child({ platform: "telegram" }));
    running.push({ name: "telegram", ...telegram });
  }
  if (running.length === 0) {
    const terminal = consoleAdapter(process.stdin, process.stdout, context);
    running.push({ name: "console", transport: terminal.transport, stop: async () => {}, ended: terminal.closed });
    log.info({}, "console mode: type /help");
  }
  return running;
}
