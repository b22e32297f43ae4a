/**
 * The Discord adapter: a discord.js Client with the Guilds intent only (slash commands and sending
 * need nothing more), its REST client pointed at DISCORD_API_ROOT, which is also where it asks for
 * the gateway URL (GET /gateway/bot), so a test server can stand in for all of Discord.
 *
 * This file is the only one that touches discord.js's interaction classes: it maps them onto the
 * thin interfaces of interactions.ts, where the behaviour lives.
 */
import {
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  MessageFlags,
  REST,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from "discord.js";
import { commands } from "../../../commands/index.js";
import { alertActionCodec, alertActionSecret } from "../../core/alert-action-payload.js";
import { describeError } from "../../core/errors.js";
import type { PlatformContext, RunningPlatform } from "../platform.js";
import {
  handleAutocomplete,
  handleButton,
  handleSlashCommand,
  type Answer,
  type AutocompleteRequest,
  type ButtonPress,
  type HandlerDeps,
  type InteractionPlace,
  type SlashInvocation,
} from "./interactions.js";
import type { ActionState } from "./alert-buttons.js";
import { registerCommands, slashCommands } from "./register.js";
import { NO_MENTIONS, type DiscordMessage } from "./render.js";
import { discordTransport } from "./transport.js";

export interface DiscordOptions {
  token: string;
  /** REST base, e.g. https://discord.com/api (discord.js appends /v10). */
  apiRoot: string;
  /** Defaults to the application of the token. */
  applicationId?: string;
  guildId?: string;
  /** Where the registration stamp is kept. */
  dataDir: string;
}

function place(i: BaseInteraction): InteractionPlace {
  return {
    id: i.id,
    user: i.user.id,
    // Server interactions always come from a channel; only DMs could lack one, and there every
    // command acts on the person, never on a channel.
    channelId: i.channelId ?? i.user.id,
    ...(i.guildId ? { guildId: i.guildId } : {}),
    ...(i.memberPermissions ? { memberPermissions: i.memberPermissions.bitfield } : {}),
    appPermissions: i.appPermissions.bitfield,
    channelIsThread: i.channel?.isThread() ?? false,
  };
}

const edit = (message: DiscordMessage) => ({
  embeds: message.embeds,
  components: message.components,
  allowedMentions: NO_MENTIONS,
});
const send = (answer: Answer) => ({
  ...edit(answer),
  ...(answer.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
});

function slashInvocation(i: ChatInputCommandInteraction): SlashInvocation {
  return {
    ...place(i),
    command: i.commandName,
    stringOption: (name) => i.options.getString(name) ?? undefined,
    booleanOption: (name) => i.options.getBoolean(name) ?? undefined,
    reply: async (answer) => void (await i.reply(send(answer))),
    defer: async (ephemeral) => void (await i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {})),
    editReply: async (message) => void (await i.editReply(edit(message))),
    deleteReply: () => i.deleteReply(),
    followUp: async (answer) => void (await i.followUp(send(answer))),
  };
}

function buttonPress(i: ButtonInteraction): ButtonPress {
  const footer = i.message.embeds[0]?.footer?.text;
  const rows = i.message.components.map((row) => row.toJSON()) as ActionState["components"];
  return {
    ...place(i),
    customId: i.customId,
    ...(footer === undefined ? {} : { messageFooter: footer }),
    message: { content: i.message.content, components: rows.filter((row) => row.type === ComponentType.ActionRow) },
    reply: async (answer) => void (await i.reply(send(answer))),
    deferUpdate: async () => void (await i.deferUpdate()),
    editReply: async (message) => void (await i.editReply(edit(message))),
    update: async (message) => void (await i.update({ ...message, allowedMentions: NO_MENTIONS })),
    followUp: async (answer) => void (await i.followUp(send(answer))),
  };
}

function autocompleteRequest(i: AutocompleteInteraction): AutocompleteRequest {
  return {
    ...place(i),
    command: i.commandName,
    focused: i.options.getFocused(),
    respond: (choices) => i.respond(choices),
  };
}

/** A logged-in gateway session: interactions arrive through it. */
interface GatewaySession {
  connected(): boolean;
  close(): Promise<void>;
}

/**
 * Starts Discord. Alerts go through a REST client of their own, which needs no gateway: with
 * several copies on one database (README "Running several copies") every copy sends, but only the
 * copy holding the lease keeps the one gateway session, which receives every interaction; when
 * that copy dies, the next lease holder logs in.
 */
export async function startDiscord(options: DiscordOptions, platform: PlatformContext): Promise<RunningPlatform> {
  const rest = new REST({ api: options.apiRoot }).setToken(options.token);
  // The buttons' secret comes from the token: the gateway's handlers (openGateway) derive the same one.
  const transport = discordTransport(rest, alertActionCodec(alertActionSecret(options.token)));
  const lease = platform.sessionLease;
  if (!lease) {
    const gateway = await openGateway(options, platform);
    return { transport, connected: gateway.connected, stop: gateway.close };
  }
  const { log } = platform;
  let holder = false;
  let gateway: GatewaySession | undefined;
  // Gains and losses are handled one at a time, in order, so a quick loss cannot race a login.
  let turn = Promise.resolve();
  lease.watch((held) => {
    holder = held;
    turn = turn.then(async () => {
      if (held && !gateway) {
        gateway = await openGateway(options, platform).catch((error: unknown) => {
          log.error({ error }, "discord gateway not opened on the lease holder");
          return undefined;
        });
      } else if (!held && gateway) {
        log.warn({}, "lease lost: closing the discord gateway (the next lease holder opens it)");
        await gateway.close();
        gateway = undefined;
      }
    });
  });
  if (!holder) log.info({}, "discord: sending through REST; the gateway is on the copy holding the lease");
  return {
    transport,
    // A copy without the lease has no connection of its own to lose: its sends need only REST.
    connected: () => (holder ? (gateway?.connected() ?? false) : true),
    stop: async () => {
      holder = false;
      await turn;
      await gateway?.close();
    },
  };
}

/** Logs in, registers the slash commands and serves interactions; `connected` says whether the gateway is up. */
async function openGateway(options: DiscordOptions, platform: PlatformContext): Promise<GatewaySession> {
  const { commands: context, log } = platform;
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: options.apiRoot } });
  const deps: HandlerDeps = { context: { ...context, log }, codec: alertActionCodec(alertActionSecret(options.token)) };

  async function dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) return handleSlashCommand(slashInvocation(interaction), deps);
    if (interaction.isButton()) return handleButton(buttonPress(interaction), deps);
    if (interaction.isAutocomplete()) return handleAutocomplete(autocompleteRequest(interaction), deps);
  }
  client.on(Events.InteractionCreate, (interaction) => {
    dispatch(interaction).catch((error: unknown) =>
      log.error({ interaction: interaction.id, error }, "discord interaction failed"),
    );
  });
  client.on(Events.ClientReady, (ready) =>
    log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, "discord ready"),
  );
  client.on(Events.Error, (error) => log.error({ error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({}, `discord: ${message}`));
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.error({ shard, code: event.code }, "discord gateway closed for good"),
  );
  let stopping = false;
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) log.info({ shard }, "discord gateway reconnecting");
  });
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, "discord gateway resumed"));

  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy();
    throw new Error(`Discord login failed: ${describeError(error)}`, { cause: error });
  }
  log.info({}, "discord gateway connected");

  // A failed registration leaves the commands registered last time in place: serve those.
  const applicationId = options.applicationId ?? client.application?.id;
  if (applicationId) {
    const target = { applicationId, ...(options.guildId ? { guildId: options.guildId } : {}) };
    await registerCommands(target, slashCommands(commands), { rest: client.rest, dataDir: options.dataDir, log }).catch(
      (error: unknown) =>
        log.error({ error }, "slash command registration failed; the commands registered before stay"),
    );
  } else {
    log.error({}, "no application id (set DISCORD_APPLICATION_ID): slash commands not registered");
  }

  return {
    connected: () => client.isReady(),
    close: () => {
      stopping = true;
      return client.destroy();
    },
  };
}
