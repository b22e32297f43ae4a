/**
 * What `/jobhound <sub-command>` and a pager button do, written against plain request objects
 * (app.ts maps Bolt's payloads onto them), so tests drive the real handlers without Slack.
 *
 * The sub-commands are the command registry's (commands/index.ts): a command added there works
 * here with no Slack change. Where a command acts: in a channel, on the channel's alerts (any
 * member may manage them, as with Slack's own RSS app; SLACK_ADMINS_ONLY restricts that to
 * workspace admins and owners); in a direct message, on the person's alerts, sent to their DM
 * with the bot. Who sees the answer: changes to a channel's subscriptions are answered in the
 * channel, everything else only to the person who asked.
 */
import type { SharedContext } from "../../../commands/command.js";
import { findCommand } from "../../../commands/index.js";
import { GENERIC_FAILURE, runCommand } from "../../../commands/run.js";
import type { AlertActionCodec } from "../../core/alert-action-payload.js";
import { chatId, type ChatId } from "../../core/chat.js";
import { textReply, type Reply } from "../../core/reply.js";
import { SLACK, slackAddressing } from "./addressing.js";
import { parsePagerValue } from "./pager.js";
import { renderReply, SLASH_COMMAND } from "./render.js";
import type { Respond, Visibility } from "./replies.js";

export interface SlashRequest {
  user: string;
  channelId: string;
  /** Everything after /jobhound. */
  text: string;
  responseUrl: string;
}

export interface ButtonRequest {
  user: string;
  channelId: string;
  /** The pressed button's value. */
  value: string | undefined;
  responseUrl: string;
}

export interface HandlerDeps {
  context: SharedContext;
  respond: Respond;
  adminsOnly: boolean;
  /** Whether the person is an admin or owner of the workspace (users.info). */
  isWorkspaceAdmin(user: string): Promise<boolean>;
  /** The person's direct-message channel with the bot (conversations.open). */
  directChannel(user: string): Promise<string>;
  /** Signs and checks the alert buttons' payloads (the secret comes from the bot token). */
  codec: AlertActionCodec;
}

const isDirect = (channelId: string): boolean => channelId.startsWith("D");

/** "subscribe rust remote" → "subscribe", "rust remote"; nothing typed means help. */
export function parseSubCommand(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { name: "help", args: "" };
  const [, name = "", args = ""] = /^\/?(\S+)\s*([\s\S]*)$/.exec(trimmed) ?? [];
  return { name: name.toLowerCase(), args: args.trim() };
}

const unknown = (name: string): Reply => ({
  ...textReply(`There is no "${name}". ${SLASH_COMMAND} help lists what I understand.`),
  ephemeral: true,
});

export async function handleSlashCommand(request: SlashRequest, deps: HandlerDeps): Promise<void> {
  const { context } = deps;
  const log = context.log.child({ user: request.user, channel: request.channelId });
  let chat: ChatId = chatId(SLACK, request.channelId);
  const answer = (reply: Reply, visibility: Visibility) =>
    deps.respond(chat, request.responseUrl, renderReply(reply, context.clock.now()), visibility);
  try {
    const { name, args } = parseSubCommand(request.text);
    const command = findCommand(name);
    if (!command) return await answer(unknown(name), "ephemeral");
    // A DM between two people is a D… channel the bot cannot post in: the person's own alerts go
    // to their DM with the bot.
    if (isDirect(request.channelId)) chat = chatId(SLACK, await deps.directChannel(request.user));
    const group = slackAddressing.kindOf(chat) === "group";
    if (group && command.access === "chat-admin" && deps.adminsOnly && !(await deps.isWorkspaceAdmin(request.user))) {
      return await answer(
        { ...textReply("Only workspace admins and owners can change this channel's alerts."), ephemeral: true },
        "ephemeral",
      );
    }
    const reply = await runCommand(command, { ...context, log, chat, user: request.user, args, page: 0 });
    const publicAnswer = group && command.access === "chat-admin" && reply.ephemeral !== true;
    await answer(reply, publicAnswer ? "in_channel" : "ephemeral");
  } catch (error) {
    log.error({ chat, error }, "slack command failed");
    await answer({ ...textReply(GENERIC_FAILURE), ephemeral: true }, "ephemeral");
  }
}

export async function handlePagerButton(request: ButtonRequest, { context, respond }: HandlerDeps): Promise<void> {
  const log = context.log.child({ user: request.user, channel: request.channelId });
  const chat = chatId(SLACK, request.channelId);
  const answer = (reply: Reply, visibility: Visibility) =>
    respond(chat, request.responseUrl, renderReply(reply, context.clock.now()), visibility);
  try {
    const button = parsePagerValue(request.value);
    const command = button && findCommand(button.command);
    if (!button || !command || command.access !== "anyone") {
      return await answer(textReply(`This button no longer works: run ${SLASH_COMMAND} again.`), "ephemeral");
    }
    const reply = await runCommand(command, {
      ...context,
      log,
      chat,
      user: request.user,
      args: button.query,
      page: button.page,
    });
    await answer(reply, "replace");
  } catch (error) {
    log.error({ chat, error }, "slack button failed");
    await answer(textReply(GENERIC_FAILURE), "ephemeral");
  }
}
