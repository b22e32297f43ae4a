/**
 * Which chat platforms run: each adapter whose token is set, side by side in one process, and the
 * console when no token is set. Adding a platform is one import and one line here.
 */
import type { SharedContext } from "../commands/command.js";
import { consoleAdapter } from "./adapters/console/console.js";
import { startDiscord } from "./adapters/discord/client.js";
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
  /** Whether the platform's connection is up now, for /healthz. */
  connected(): boolean;
}

export async function startPlatforms(config: Config, context: SharedContext, log: Logger): Promise<RunningPlatform[]> {
  const running: RunningPlatform[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    const telegram = await startTelegram(
      { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT },
      context,
      log.child({ platform: "telegram" }),
    );
    running.push({ name: "telegram", ...telegram });
  }
  if (config.DISCORD_TOKEN) {
    const options = {
      token: config.DISCORD_TOKEN,
      apiRoot: config.DISCORD_API_ROOT,
      applicationId: config.DISCORD_APPLICATION_ID,
      guildId: config.DISCORD_GUILD_ID,
      dataDir: config.DATA_DIR,
    };
    const discord = await startDiscord(options, context, log.child({ platform: "discord" }));
    running.push({ name: "discord", transport: discord.transport, stop: discord.stop, connected: discord.connected });
  }
  if (running.length === 0) {
    const terminal = consoleAdapter(process.stdin, process.stdout, context);
    running.push({
      name: "console",
      transport: terminal.transport,
      stop: async () => {},
      ended: terminal.closed,
      connected: () => true,
    });
    log.info({}, "console mode: type /help");
  }
  return running;
}
