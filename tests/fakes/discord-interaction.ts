/**
 * Hand-written interactions for the Discord adapter's thin interface (interactions.ts): each
 * records what the handler answered, so a test reads like the conversation it checks.
 */
import { PermissionFlagsBits } from "discord.js";
import type {
  Answer,
  AutocompleteRequest,
  ButtonPress,
  InteractionPlace,
  SlashInvocation,
} from "../../src/adapters/discord/interactions.js";
import type { ActionState } from "../../src/adapters/discord/alert-buttons.js";
import type { DiscordMessage } from "../../src/adapters/discord/render.js";

export type Call =
  | { kind: "reply" | "followUp"; ephemeral: boolean; text: string; message: DiscordMessage }
  | { kind: "editReply"; text: string; message: DiscordMessage }
  | { kind: "defer"; ephemeral: boolean }
  | { kind: "deleteReply" | "deferUpdate" }
  | { kind: "update"; state: ActionState }
  | { kind: "respond"; choices: { name: string; value: string }[] };

export const CAN_POST =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;
export const MEMBER = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
export const MANAGER = MEMBER | PermissionFlagsBits.ManageChannels;
export const CHANNEL = "300";

export interface Where {
  user?: string;
  /** Omitted: a DM with the bot. */
  member?: bigint;
  app?: bigint;
  thread?: boolean;
}

const textOf = (message: DiscordMessage): string => message.embeds.map((e) => e.description ?? "").join("\n");

function place({ user = "42", member, app = CAN_POST, thread = false }: Where): InteractionPlace {
  const base = { id: "1", user, appPermissions: app, channelIsThread: thread };
  return member === undefined
    ? { ...base, channelId: `dm-${user}` }
    : { ...base, channelId: CHANNEL, guildId: "200", memberPermissions: member };
}

function recorder() {
  const calls: Call[] = [];
  return {
    calls,
    reply: async (answer: Answer) =>
      void calls.push({ kind: "reply", ephemeral: answer.ephemeral, text: textOf(answer), message: answer }),
    followUp: async (answer: Answer) =>
      void calls.push({ kind: "followUp", ephemeral: answer.ephemeral, text: textOf(answer), message: answer }),
    editReply: async (message: DiscordMessage) =>
      void calls.push({ kind: "editReply", text: textOf(message), message }),
  };
}

export type Recorded<T> = T & { calls: Call[]; kinds(): string[]; last(): Call | undefined };

const withHelpers = <T extends { calls: Call[] }>(i: T): Recorded<T> =>
  Object.assign(i, { kinds: () => i.calls.map((c) => c.kind), last: () => i.calls.at(-1) });

export function slash(
  command: string,
  options: Record<string, string | boolean>,
  where: Where = {},
): Recorded<SlashInvocation> {
  const r = recorder();
  const i: SlashInvocation & { calls: Call[] } = {
    ...place(where),
    ...r,
    command,
    stringOption: (name) => (typeof options[name] === "string" ? options[name] : undefined),
    booleanOption: (name) => (typeof options[name] === "boolean" ? options[name] : undefined),
    defer: async (ephemeral) => void r.calls.push({ kind: "defer", ephemeral }),
    deleteReply: async () => void r.calls.push({ kind: "deleteReply" }),
  };
  return withHelpers(i);
}

/** A press on `customId`, on a message whose footer, content and button rows are given. */
export function press(
  customId: string,
  messageFooter: string | undefined,
  where: Where = {},
  message: ActionState = { content: "", components: [] },
): Recorded<ButtonPress> {
  const r = recorder();
  return withHelpers({
    ...place(where),
    ...r,
    customId,
    ...(messageFooter === undefined ? {} : { messageFooter }),
    message,
    deferUpdate: async () => void r.calls.push({ kind: "deferUpdate" }),
    update: async (state: ActionState) => void r.calls.push({ kind: "update", state }),
  });
}

export function suggest(command: string, focused: string, where: Where = {}): Recorded<AutocompleteRequest> {
  const calls: Call[] = [];
  const i: AutocompleteRequest & { calls: Call[] } = {
    ...place(where),
    calls,
    command,
    focused,
    respond: async (choices) => void calls.push({ kind: "respond", choices }),
  };
  return withHelpers(i);
}
