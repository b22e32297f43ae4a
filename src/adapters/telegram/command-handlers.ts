/**
 * Every command of the registry as a Telegram command (`/latest` and `/latest@botname` alike),
 * run through the shared error boundary after the access check, and answered in the chat.
 */
import type { Api, Bot } from "grammy";
import type { Chat, Message, Update, User, UserFromGetMe } from "grammy/types";
import type { Command, SharedContext } from "../../../commands/command.js";
import { commands, findCommand } from "../../../commands/index.js";
import { parseCommandLine, runCommand, unknownCommandReply } from "../../../commands/run.js";
import { chatId } from "../../core/chat.js";
import type { Logger } from "../../core/logger.js";
import { textReply } from "../../core/reply.js";
import { accessRefusal } from "./access.js";
import { sendMessages, type ReplyTarget } from "./replies.js";
import { renderReply } from "./render.js";

export interface HandlerDeps {
  context: SharedContext;
  log: Logger;
}

/** The part of grammY's context a command answer needs. */
interface Incoming {
  chat: Chat;
  msg: Message;
  from?: User;
  api: Api;
  me: UserFromGetMe;
  update: Update;
}

function replyTarget({ chat, msg }: Incoming): ReplyTarget {
  return {
    chatId: chat.id,
    ...(chat.type !== "private" ? { replyTo: msg.message_id } : {}),
    ...(msg.is_topic_message && msg.message_thread_id !== undefined ? { threadId: msg.message_thread_id } : {}),
  };
}

async function answer(
  ctx: Incoming,
  command: Command,
  args: string,
  { context, log: parentLog }: HandlerDeps,
): Promise<void> {
  const chat = chatId("telegram", ctx.chat.id);
  const log = parentLog.child({ update: ctx.update.update_id, chat, command: command.name });
  const asker = {
    chat: ctx.chat,
    ...(ctx.from ? { from: ctx.from } : {}),
    ...(ctx.msg.sender_chat ? { senderChat: ctx.msg.sender_chat } : {}),
  };
  const refusal = await accessRefusal(command, asker, ctx.api, ctx.me.username, log);
  // An anonymous admin's messages come from a placeholder user: the group itself is the author.
  const user = String(ctx.msg.sender_chat?.id ?? ctx.from?.id ?? "unknown");
  const reply =
    refusal !== undefined
      ? { ...textReply(refusal), ephemeral: true }
      : await runCommand(command, { ...context, log, chat, user, args, page: 0 });
  await sendMessages(ctx.api, replyTarget(ctx), renderReply(reply, context.clock.now()));
}

export function installCommands(bot: Bot, deps: HandlerDeps): void {
  for (const command of commands) {
    bot.command([command.name, ...(command.aliases ?? [])], (ctx) => answer(ctx, command, ctx.match, deps));
  }

  // What bot.command did not take: other bots' commands (ignored), "/Latest" typed with capitals
  // (answered: commands are case-insensitive elsewhere too), and names that do not exist.
  bot.on("message:entities:bot_command", async (ctx) => {
    const line = ctx.msg.entities.some((e) => e.type === "bot_command" && e.offset === 0)
      ? parseCommandLine(ctx.msg.text)
      : undefined;
    if (!line) return;
    const addressed =
      line.mention === undefined ? ctx.chat.type === "private" : line.mention === ctx.me.username.toLowerCase();
    const command = findCommand(line.name);
    if (command && (line.mention === undefined || addressed)) return answer(ctx, command, line.args, deps);
    // In a group, an unknown command without our name may belong to another bot: stay quiet.
    if (!addressed) return;
    await sendMessages(
      ctx.api,
      replyTarget(ctx),
      renderReply(unknownCommandReply(line.name), deps.context.clock.now()),
    );
  });

  bot.chatType("private").on("message:text", async (ctx) => {
    const hint = textReply("I understand commands, like /subscribe rust remote or /latest. /help lists them all.");
    await sendMessages(ctx.api, { chatId: ctx.chat.id }, renderReply(hint, deps.context.clock.now()));
  });
}
