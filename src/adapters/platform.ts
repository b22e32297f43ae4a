/**
 * The platform plug-in contract (docs/ARCHITECTURE.md "Platforms are plug-ins"). A platform is
 * one folder under src/adapters/ exporting one PlatformPlugin, and one line in src/platforms.ts,
 * the only place that names them all. Core, commands and delivery know platforms only as string
 * keys and through this contract; the lint rule (eslint.layers.js) keeps it that way.
 *
 * A plug-in brings:
 * - its configuration: a zod shape of its environment variables (spread into src/config.ts);
 * - its addressing: what its chat ids look like, and which chats are private;
 * - its rate policy: the limits every message it sends is paced by (alerts and replies alike);
 * - `start`, returning what delivery and /healthz need;
 * - its renderer, which is internal to its folder: it turns core's Reply and AlertView into the
 *   platform's messages and passes tests/contract/renderer-contract/.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { SharedContext } from "../../commands/command.js";
import type { ChatId, Platform } from "../core/chat.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { ChatEvents } from "../delivery/chat-events.js";
import type { RatePolicy, SendBudget } from "../delivery/limiter.js";
import type { Timers } from "../delivery/timers.js";
import type { ChatTransport } from "../delivery/transport.js";

/** What a plug-in's chat addresses look like (the part after `name:` is the platform's own id). */
export interface Addressing {
  /** One line for people and logs, e.g. "telegram:<chat id>, negative for groups". */
  readonly format: string;
  /** Whether `chat` is a well-formed address of this platform. */
  isChat(chat: ChatId): boolean;
  /** A private chat reaches one person; a group reaches many (and often has stricter limits). */
  kindOf(chat: ChatId): "private" | "group";
  /** The private chat between this person and the bot, when the platform can address it by user. */
  personalChat?(user: string): ChatId;
}

/** A request handler on the bot's HTTP server (HTTP_PORT), for platforms that receive webhooks. */
export type HttpHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface HttpRoutes {
  /** Serves every request whose path is `path` (any method) with `handler`. */
  add(path: string, handler: HttpHandler): void;
}

/**
 * Several copies of the bot share one database (README "Running several copies"); a platform whose
 * connection must be unique per bot (Discord's gateway session) opens it only on the copy holding
 * this lease, and sends from any copy.
 */
export interface SessionLease {
  /** Calls `listener(true)` when this copy gains the lease (at once if it holds it) and `listener(false)` when it loses it. */
  watch(listener: (held: boolean) => void): void;
}

/** What Jobhound hands a platform when it starts. */
export interface PlatformContext {
  /** Everything a command run needs apart from who asked where. */
  commands: SharedContext;
  log: Logger;
  /**
   * The platform's send budget, shared with delivery's alerts: every reply, page edit and button
   * answer acquires it with priority "reply", and holds it on a 429.
   */
  budget: SendBudget;
  /** The time the budget keeps (real time; commands may run on another clock in tests). */
  clock: Clock;
  timers: Timers;
  /** Lost, regained and moved chats go here; never straight to the store. */
  events: ChatEvents;
  /** Where a platform keeps files of its own (Discord's command registration stamp). */
  dataDir: string;
  /** Routes on the HTTP server, when HTTP_PORT is set; undefined otherwise. */
  http?: HttpRoutes;
  /** Present when copies share the database; absent, this process is the only copy. */
  sessionLease?: SessionLease;
}

/** A platform that started: what delivery and health need of it. */
export interface RunningPlatform {
  /** Sends alerts; delivery paces it with the same budget the context gave. */
  transport: ChatTransport;
  stop(): Promise<void>;
  /** Resolves when the platform ends by itself (the console at end of input); rejects when it fails. */
  ended?: Promise<void>;
  /** Whether the platform's connection is up now, for /healthz. */
  connected(): boolean;
}

/** A plug-in whose configuration is present: ready to start. */
export interface ConfiguredPlatform {
  /** Values that must never reach a log line (tokens, signing secrets). */
  secrets: readonly string[];
  start(context: PlatformContext): Promise<RunningPlatform>;
}

export interface PlatformPlugin {
  /** The key: the first part of its chat addresses, its log field and its /healthz name. */
  readonly name: Platform;
  /** Its environment variables (spread into the configuration schema in src/config.ts). */
  readonly config: z.ZodRawShape;
  readonly addressing: Addressing;
  readonly rates: RatePolicy;
  /**
   * Its part of the parsed configuration, or undefined when it is not configured (no token):
   * it then does not run. `config` is the whole parsed configuration.
   */
  configure(config: Readonly<Record<string, unknown>>): ConfiguredPlatform | undefined;
  /** Run when no other platform is configured (the console). */
  readonly fallback?: boolean;
}

/**
 * Declares a plug-in with typed settings: `configure` receives its own variables, parsed by its
 * own shape, and decides whether it runs.
 */
export function definePlatform<Shape extends z.ZodRawShape>(definition: {
  name: Platform;
  config: Shape;
  addressing: Addressing;
  rates: RatePolicy;
  fallback?: boolean;
  configure(settings: z.infer<z.ZodObject<Shape>>): ConfiguredPlatform | undefined;
}): PlatformPlugin {
  const schema = z.object(definition.config);
  return {
    ...definition,
    configure: (config) => definition.configure(schema.parse(config)),
  };
}
