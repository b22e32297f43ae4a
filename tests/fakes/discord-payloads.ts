/**
 * Interaction payloads as Discord's gateway sends them (INTERACTION_CREATE data), for the fake
 * Discord to dispatch: a test names who typed what where, and with which permissions.
 */
import { CHANNEL_ID, GUILD_ID } from "./fake-discord.js";

/** Permission bits, as Discord sends them (decimal strings of a bitfield). */
export const PERMISSIONS = {
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  manageChannels: 1n << 4n,
};
export const BOT_CAN_POST = PERMISSIONS.viewChannel | PERMISSIONS.sendMessages | PERMISSIONS.embedLinks;
export const MEMBER = PERMISSIONS.viewChannel | PERMISSIONS.sendMessages;
export const CHANNEL_MANAGER = MEMBER | PERMISSIONS.manageChannels;

export interface Where {
  user: string;
  /** Omitted: a DM with the bot. */
  guild?: { memberPermissions: bigint; channelId?: string };
  appPermissions?: bigint;
}

const userObject = (id: string) => ({
  id,
  username: `user${id.slice(-4)}`,
  discriminator: "0",
  global_name: null,
  avatar: null,
});

function place({ user, guild, appPermissions = BOT_CAN_POST }: Where): Record<string, unknown> {
  if (!guild) {
    const dm = `5${user.slice(1)}`;
    return {
      channel_id: dm,
      channel: { id: dm, type: 1, recipients: [userObject(user)] },
      user: userObject(user),
      app_permissions: String(appPermissions),
      context: 1,
    };
  }
  const channelId = guild.channelId ?? CHANNEL_ID;
  return {
    guild_id: GUILD_ID,
    guild_locale: "en-US",
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: GUILD_ID, name: "jobs", position: 0, permission_overwrites: [] },
    member: {
      user: userObject(user),
      roles: [],
      joined_at: new Date(0).toISOString(),
      permissions: String(guild.memberPermissions),
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: String(appPermissions),
    context: 0,
  };
}

type OptionValue = string | boolean;

const optionList = (options: Record<string, OptionValue>) =>
  Object.entries(options).map(([name, value]) => ({ name, type: typeof value === "boolean" ? 5 : 3, value }));

export function slashCommand(
  name: string,
  options: Record<string, OptionValue>,
  where: Where,
): Record<string, unknown> {
  return { type: 2, data: { id: "600000000000000001", name, type: 1, options: optionList(options) }, ...place(where) };
}

export function autocomplete(
  name: string,
  focused: { name: string; value: string },
  where: Where,
): Record<string, unknown> {
  return {
    type: 4,
    data: {
      id: "600000000000000001",
      name,
      type: 1,
      options: [{ name: focused.name, type: 3, value: focused.value, focused: true }],
    },
    ...place(where),
  };
}

/** A press on a button of a message the bot sent earlier (whose body is given as sent). */
export function buttonPress(customId: string, message: Record<string, unknown>, where: Where): Record<string, unknown> {
  const context = place(where);
  return {
    type: 3,
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: "700000000000000001",
      channel_id: context.channel_id,
      type: 20,
      author: { id: "100000000000000001", username: "jobhound", discriminator: "0", avatar: null, bot: true },
      content: "",
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 64,
      embeds: [],
      components: [],
      ...message,
    },
    ...context,
  };
}
