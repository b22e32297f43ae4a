/**
 * Slash commands from the one registry, registered with a bulk overwrite: in DISCORD_GUILD_ID when
 * set (instant, for development), globally otherwise. A stamp of what was last registered where
 * lives in DATA_DIR, so a restart with the same commands sends nothing: global registration is
 * rate-limited, and an unchanged overwrite would only spend that.
 *
 * Aliases (/list) are not registered: Discord's command picker already searches names and
 * descriptions as one types, so an alias would only be a duplicate entry in that menu.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ApplicationIntegrationType,
  InteractionContextType,
  Routes,
  SlashCommandBuilder,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Command } from "../../../commands/command.js";
import type { Logger } from "../../core/logger.js";

/** The boolean option of commands that can act on the person's own alerts (Command.personal). */
export const DM_OPTION = "dm";
const DM_DESCRIPTION = "True: your own alerts, sent to you by DM, instead of this channel's";

export type SlashCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;

export function slashCommands(commands: readonly Command[]): SlashCommand[] {
  return commands.map((command) => {
    const builder = new SlashCommandBuilder()
      .setName(command.name)
      .setDescription(command.description)
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
    const { argument } = command;
    if (argument) {
      builder.addStringOption((option) =>
        option
          .setName(argument.name)
          .setDescription(argument.description)
          .setRequired(argument.required)
          .setMaxLength(argument.maxLength)
          .setAutocomplete(argument.suggests !== undefined),
      );
    }
    if (command.personal) {
      builder.addBooleanOption((option) => option.setName(DM_OPTION).setDescription(DM_DESCRIPTION).setRequired(false));
    }
    return builder.toJSON();
  });
}

export interface RegistrationTarget {
  applicationId: string;
  /** Register in this guild only; globally when undefined. */
  guildId?: string;
}

export interface RegisterDeps {
  rest: Pick<REST, "put">;
  dataDir: string;
  log: Logger;
}

const STAMP_FILE = "discord-commands.json";

function fingerprintOf(target: RegistrationTarget, definitions: readonly SlashCommand[]): string {
  return createHash("sha256").update(JSON.stringify({ target, definitions })).digest("hex");
}

async function readStamp(path: string): Promise<string | undefined> {
  try {
    const stamp = JSON.parse(await readFile(path, "utf8")) as { fingerprint?: unknown };
    return typeof stamp.fingerprint === "string" ? stamp.fingerprint : undefined;
  } catch {
    return undefined; // No stamp, or a damaged one: register again.
  }
}

/** Registers the commands unless exactly these were last registered at the same place. */
export async function registerCommands(
  target: RegistrationTarget,
  definitions: readonly SlashCommand[],
  { rest, dataDir, log }: RegisterDeps,
): Promise<"registered" | "unchanged"> {
  const stampPath = join(dataDir, STAMP_FILE);
  const fingerprint = fingerprintOf(target, definitions);
  const where = target.guildId ? { guild: target.guildId } : { scope: "global" };
  if ((await readStamp(stampPath)) === fingerprint) {
    log.info({ ...where, commands: definitions.length }, "slash commands unchanged: not registering again");
    return "unchanged";
  }
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body: definitions });
  await writeFile(
    stampPath,
    `${JSON.stringify({ fingerprint, ...where, registeredAt: new Date().toISOString() }, null, 2)}\n`,
  );
  log.info({ ...where, commands: definitions.length }, "slash commands registered");
  return "registered";
}
