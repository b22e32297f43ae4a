/**
 * What a slash command, a pager button or an autocomplete request does, written against a thin
 * interaction interface (client.ts maps discord.js's interactions onto it), so tests drive the
 * real handlers with plain objects.
 *
 * Where a command acts: in a DM, on the person's own alerts; in a server channel, on the
 * channel's, or on the person's own with `dm:true`. Changing a channel's subscriptions takes
 * Manage Channels, checked here on every interaction (the command's default permission is only
 * a default that server admins can change).
 *
 * Who sees the answer: in a server, answers that concern only the asker (anything anyone may run,
 * anything about their own alerts, every error) are ephemeral; changes to the channel's
 * subscriptions are answered in the channel. The reply is deferred before any command runs.
 */
import { PermissionFlagsBits } from "discord.js";
import type { Command, SharedContext } from "../../../commands/command.js";
import { EXPIRED_BUTTON, findCommand, findPagedCommand } from "../../../commands/index.js";
import { GENERIC_FAILURE, runCommand, unknownCommandReply } from "../../../commands/run.js";
import { chatId, type ChatId } from "../../core/chat.js";
import { matchingTimeZones } from "../../core/schedule-words.js";
import { textReply, type Reply } from "../../core/reply.js";
import type { AlertActionCodec } from "../../core/alert-action-payload.js";
import { handleAlertButton } from "./alert-action.js";
import { ALERT_PAYLOAD_PREFIX, type ActionState } from "./alert-buttons.js";
import { parsePagerButtonId, queryFromFooter } from "./pager-button.js";
import { DISCORD } from "./addressing.js";
import { DM_OPTION } from "./register.js";
import { truncate } from "./markdown.js";
import { renderReply, type DiscordMessage } from "./render.js";

export interface Answer extends DiscordMessage {
  ephemeral: boolean;
}

/** What every interaction tells about where it happened and who may do what there. */
export interface InteractionPlace {
  id: string;
  user: string;
  channelId: string;
  /** Undefined in a DM. */
  guildId?: string;
  /** The member's permissions in the channel (servers only). */
  memberPermissions?: bigint;
  /** The bot's own permissions in the channel. */
  appPermissions: bigint;
  channelIsThread: boolean;
}

export interface SlashInvocation extends InteractionPlace {
  command: string;
  stringOption(name: string): string | undefined;
  booleanOption(name: string): boolean | undefined;
  reply(answer: Answer): Promise<void>;
  defer(ephemeral: boolean): Promise<void>;
  editReply(message: DiscordMessage): Promise<void>;
  deleteReply(): Promise<void>;
  followUp(answer: Answer): Promise<void>;
}

export interface ButtonPress extends InteractionPlace {
  customId: string;
  /** The footer of the first embed of the message the button sits on. */
  messageFooter?: string;
  /** That message's content and button rows, as Discord sent them. */
  message: ActionState;
  reply(answer: Answer): Promise<void>;
  deferUpdate(): Promise<void>;
  editReply(message: DiscordMessage): Promise<void>;
  /** Answers by editing that message in place (UPDATE_MESSAGE): its content and rows only. */
  update(message: ActionState): Promise<void>;
  followUp(answer: Answer): Promise<void>;
}

export interface AutocompleteRequest extends InteractionPlace {
  command: string;
  focused: string;
  respond(choices: { name: string; value: string }[]): Promise<void>;
}

/** What the bot needs in a channel to post alerts there (in a thread, sending is its own permission). */
const NEEDED_IN_CHANNEL = [
  ["View Channel", PermissionFlagsBits.ViewChannel],
  ["Send Messages", PermissionFlagsBits.SendMessages],
  ["Embed Links", PermissionFlagsBits.EmbedLinks],
] as const;
const NEEDED_IN_THREAD = [
  ["View Channel", PermissionFlagsBits.ViewChannel],
  ["Send Messages in Threads", PermissionFlagsBits.SendMessagesInThreads],
  ["Embed Links", PermissionFlagsBits.EmbedLinks],
] as const;

/** Commands after which alerts start flowing into the chat: the bot must be able to post there. */
const STARTS_ALERTS = new Set(["subscribe", "resume"]);

const personalChat = (place: InteractionPlace): ChatId => chatId(DISCORD, "user", place.user);
const channelChat = (place: InteractionPlace): ChatId => chatId(DISCORD, "channel", place.channelId);
const answer = (reply: Reply, ephemeral: boolean): Answer => ({ ...renderReply(reply), ephemeral });
const refusal = (text: string): Answer => answer(textReply(text), true);

/** The permissions the bot lacks to post alerts in this channel, by name. */
export function missingAlertPermissions(place: InteractionPlace): string[] {
  const needed = place.channelIsThread ? NEEDED_IN_THREAD : NEEDED_IN_CHANNEL;
  return needed.filter(([, bit]) => (place.appPermissions & bit) !== bit).map(([name]) => name);
}

const names = (list: readonly string[]): string =>
  list.length === 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list.at(-1) ?? ""}`;

export interface HandlerDeps {
  context: SharedContext;
  /** Signs and checks the alert buttons' payloads (the secret comes from the bot token). */
  codec: AlertActionCodec;
}

/** Which chat the command acts on, and whether that is the person's own. */
async function targetOf(
  command: Command,
  i: SlashInvocation,
  context: SharedContext,
): Promise<{ chat: ChatId; personal: boolean }> {
  if (!i.guildId || (command.personal && i.booleanOption(DM_OPTION) === true))
    return { chat: personalChat(i), personal: true };
  // A subscription named by its number is removed where it lives: /unsubscribe 7 in a channel
  // removes the person's own #7 without their having to add dm:true.
  const named =
    command.argument?.suggests === "subscription"
      ? i.stringOption(command.argument.name)?.trim().replace(/^#/, "")
      : undefined;
  if (named && (await context.store.subscriptionsOf(personalChat(i))).some((s) => s.id === named)) {
    return { chat: personalChat(i), personal: true };
  }
  return { chat: channelChat(i), personal: false };
}

/** Why this person may not run this command here, or undefined when they may. */
function refusalFor(command: Command, i: SlashInvocation, personal: boolean): string | undefined {
  if (personal || !i.guildId) return undefined;
  if (command.access === "chat-admin" && ((i.memberPermissions ?? 0n) & PermissionFlagsBits.ManageChannels) === 0n) {
    const own = command.personal ? ` Add ${DM_OPTION}:true to do it for your own alerts, sent to you by DM.` : "";
    return `Only members with the Manage Channels permission can change this channel's alerts.${own}`;
  }
  if (STARTS_ALERTS.has(command.name)) {
    const missing = missingAlertPermissions(i);
    if (missing.length > 0) {
      return `I can't post alerts in this channel: I'm missing the ${names(missing)} ${missing.length === 1 ? "permission" : "permissions"} here. Ask someone who manages the channel to grant ${missing.length === 1 ? "it" : "them"}, then try again.`;
    }
  }
  return undefined;
}

export async function handleSlashCommand(i: SlashInvocation, { context }: HandlerDeps): Promise<void> {
  const log = context.log.child({ interaction: i.id, command: i.command, user: i.user });
  const command = findCommand(i.command);
  let deferred = false;
  try {
    if (!command) return await i.reply(answer(unknownCommandReply(i.command), true));
    const { chat, personal } = await targetOf(command, i, context);
    const refused = refusalFor(command, i, personal);
    if (refused) return await i.reply(refusal(refused));

    const ephemeral = i.guildId !== undefined && (personal || command.access === "anyone");
    await i.defer(ephemeral);
    deferred = true;
    const args = command.argument ? (i.stringOption(command.argument.name) ?? "") : "";
    const reply = await runCommand(command, { ...context, log, chat, user: i.user, args, page: 0 });
    if (reply.ephemeral && i.guildId !== undefined && !ephemeral) {
      // The deferral was public, but this answer (an error) is for the asker alone.
      await i.deleteReply();
      return await i.followUp(answer(reply, true));
    }
    await i.editReply(renderReply(reply));
  } catch (error) {
    log.error({ error }, "discord interaction failed");
    const brief = refusal(GENERIC_FAILURE);
    await (deferred ? i.editReply(brief) : i.reply(brief)).catch((again: unknown) =>
      log.debug({ error: again }, "could not tell the person either"),
    );
  }
}

export async function handleButton(i: ButtonPress, deps: HandlerDeps): Promise<void> {
  if (i.customId.startsWith(ALERT_PAYLOAD_PREFIX)) return handleAlertButton(i, deps);
  const { context } = deps;
  const log = context.log.child({ interaction: i.id, button: i.customId, user: i.user });
  let deferred = false;
  try {
    const button = parsePagerButtonId(i.customId);
    const command = button && findPagedCommand(button.command);
    const query = button && (button.query ?? queryFromFooter(button.command, i.messageFooter));
    if (!button || !command || command.access !== "anyone" || query === undefined) {
      return await i.reply(refusal(EXPIRED_BUTTON));
    }
    await i.deferUpdate();
    deferred = true;
    const chat = i.guildId ? channelChat(i) : personalChat(i);
    const reply = await runCommand(command, { ...context, log, chat, user: i.user, args: query, page: button.page });
    await i.editReply(renderReply(reply));
  } catch (error) {
    log.error({ error }, "discord button failed");
    if (!deferred)
      await i
        .reply(refusal(GENERIC_FAILURE))
        .catch((again: unknown) => log.debug({ error: again }, "could not tell the person either"));
  }
}

const MAX_CHOICES = 25;
const CHOICE_NAME_LIMIT = 100;

/** Suggests time zones, or the subscriptions the person can see: their own and, in a server, the channel's. */
export async function handleAutocomplete(i: AutocompleteRequest, { context }: HandlerDeps): Promise<void> {
  try {
    if (findCommand(i.command)?.argument?.suggests === "timezone")
      return await i.respond(matchingTimeZones(i.focused, MAX_CHOICES).map((zone) => ({ name: zone, value: zone })));
    await suggestSubscriptions(i, context);
  } catch (error) {
    // Autocomplete has no error message to show: the picker simply stays empty.
    context.log.error({ interaction: i.id, command: i.command, error }, "discord autocomplete failed");
  }
}

async function suggestSubscriptions(i: AutocompleteRequest, context: SharedContext): Promise<void> {
  const command = findCommand(i.command);
  if (command?.argument?.suggests !== "subscription") return i.respond([]);
  const own = await context.store.subscriptionsOf(personalChat(i));
  const channel = i.guildId ? await context.store.subscriptionsOf(channelChat(i)) : [];
  const typed = i.focused.trim().replace(/^#/, "").toLowerCase();
  const choices = [
    ...channel.map((s) => ({ s, where: "this channel" })),
    ...own.map((s) => ({ s, where: i.guildId ? "your DMs" : "yours" })),
  ]
    .filter(({ s }) => typed === "" || s.id.startsWith(typed) || s.query.toLowerCase().includes(typed))
    .slice(0, MAX_CHOICES)
    .map(({ s, where }) => {
      const suffix = ` — ${where}`;
      return { name: `${truncate(`#${s.id} ${s.query}`, CHOICE_NAME_LIMIT - suffix.length)}${suffix}`, value: s.id };
    });
  await i.respond(choices);
}
