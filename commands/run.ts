/**
 * The error boundary every adapter runs commands through: a UserError reaches the person word
 * for word; a save that failed (the store undid the change) is answered as exactly that; anything
 * else is logged with its context and answered with one short sentence.
 */
import { isStoreWriteError, isUserError } from "../src/core/errors.js";
import { textReply, type Reply } from "../src/core/reply.js";
import type { Command, CommandContext } from "./command.js";

export const GENERIC_FAILURE = "Something went wrong on my side; it has been logged. Please try again in a minute.";
export const SAVE_FAILED = "Could not save — nothing was changed, please try again.";

export async function runCommand(command: Command, ctx: CommandContext): Promise<Reply> {
  try {
    return await command.run(ctx);
  } catch (error) {
    if (isUserError(error)) return { ...textReply(error.message), ephemeral: true };
    if (isStoreWriteError(error)) {
      // The store has logged the write failure itself; the change was undone.
      ctx.log.warn({ command: command.name, chat: ctx.chat, error: error.message }, "command not saved");
      return { ...textReply(SAVE_FAILED), ephemeral: true };
    }
    ctx.log.error({ command: command.name, chat: ctx.chat, error }, "command failed");
    return { ...textReply(GENERIC_FAILURE), ephemeral: true };
  }
}

export interface CommandLine {
  name: string;
  /** The "bot" of "/cmd@bot", lower case, when present. */
  mention?: string;
  args: string;
}

/** Splits "/subscribe@jobhound_bot rust remote" into its parts; undefined when not a command. */
export function parseCommandLine(text: string): CommandLine | undefined {
  const match = /^\/([a-z0-9_]{1,32})(?:@([a-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match) return undefined;
  const [, name = "", mention, args = ""] = match;
  return { name: name.toLowerCase(), ...(mention ? { mention: mention.toLowerCase() } : {}), args: args.trim() };
}

/** The reply for a line naming no known command. */
export function unknownCommandReply(name: string): Reply {
  return { ...textReply(`There is no /${name}. /help lists what I understand.`), ephemeral: true };
}
