/**
 * The plug-in list: the one place that names every platform (docs/ARCHITECTURE.md "Platforms are
 * plug-ins"). Each configured plug-in runs, side by side in one process; the fallback (the
 * console) runs when none is. Adding a platform is its folder under src/adapters/, one line here
 * and its configuration part in src/config.ts.
 */
import type { SharedContext } from "../commands/command.js";
import { consolePlatform } from "./adapters/console/plugin.js";
import { discordPlatform } from "./adapters/discord/plugin.js";
import type {
  ConfiguredPlatform,
  HttpRoutes,
  PlatformPlugin,
  RunningPlatform,
  SessionLease,
} from "./adapters/platform.js";
import { slackPlatform } from "./adapters/slack/plugin.js";
import { telegramPlatform } from "./adapters/telegram/plugin.js";
import type { Platform } from "./core/chat.js";
import type { Clock } from "./core/clock.js";
import type { Logger } from "./core/logger.js";
import type { ChatEvents } from "./delivery/chat-events.js";
import { rateLimiter, type RateLimiter } from "./delivery/limiter.js";
import type { Timers } from "./delivery/timers.js";

export const PLATFORMS: readonly PlatformPlugin[] = [telegramPlatform, discordPlatform, slackPlatform, consolePlatform];

export interface StartedPlatform extends RunningPlatform {
  name: Platform;
  /** The budget its replies and its alerts share. */
  limiter: RateLimiter;
}

export interface PlatformDeps {
  commands: SharedContext;
  log: Logger;
  events: ChatEvents;
  dataDir: string;
  clock: Clock;
  timers: Timers;
  http?: HttpRoutes;
  /** This copy's share of each platform's overall limits, when several copies share the bot. */
  budgetShare?: () => number;
  /** Which copy may open a platform's one session, when several copies share the bot. */
  sessionLease?: SessionLease;
}

/** The plug-ins the configuration enables, or the fallback when it enables none. */
export function configuredPlatforms(
  config: Readonly<Record<string, unknown>>,
  plugins: readonly PlatformPlugin[] = PLATFORMS,
): { plugin: PlatformPlugin; configured: ConfiguredPlatform }[] {
  const enabled = (fallback: boolean) =>
    plugins
      .filter((plugin) => (plugin.fallback ?? false) === fallback)
      .flatMap((plugin) => {
        const configured = plugin.configure(config);
        return configured ? [{ plugin, configured }] : [];
      });
  const chosen = enabled(false);
  return chosen.length > 0 ? chosen : enabled(true);
}

/** Every secret of every configured plug-in, for the logger's redaction. */
export const platformSecrets = (config: Readonly<Record<string, unknown>>): string[] =>
  configuredPlatforms(config).flatMap(({ configured }) => [...configured.secrets]);

export async function startPlatforms(
  config: Readonly<Record<string, unknown>>,
  deps: PlatformDeps,
): Promise<StartedPlatform[]> {
  const started: StartedPlatform[] = [];
  for (const { plugin, configured } of configuredPlatforms(config)) {
    const limiter = rateLimiter(plugin.rates, {
      clock: deps.clock,
      timers: deps.timers,
      ...(deps.budgetShare ? { share: deps.budgetShare } : {}),
    });
    const running = await configured.start({
      commands: deps.commands,
      log: deps.log.child({ platform: plugin.name }),
      budget: limiter,
      clock: deps.clock,
      timers: deps.timers,
      events: deps.events,
      dataDir: deps.dataDir,
      ...(deps.http ? { http: deps.http } : {}),
      ...(deps.sessionLease ? { sessionLease: deps.sessionLease } : {}),
    });
    started.push({ ...running, name: plugin.name, limiter });
  }
  return started;
}
