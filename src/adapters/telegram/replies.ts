/**
 * Putting rendered messages into a chat: as new messages answering a command, or in place of
 * the message whose page button was pressed.
 */
import { GrammyError, type Api } from "grammy";
import { messageOptions, type TelegramMessage } from "./render.js";

export interface ReplyTarget {
  chatId: number;
  /** In groups, answers quote the command, so it is clear whom they answer. */
  replyTo?: number;
  /** The forum topic the command was typed in. */
  threadId?: number;
}

export async function sendMessages(api: Api, target: ReplyTarget, messages: readonly TelegramMessage[]): Promise<void> {
  for (const [i, message] of messages.entries()) {
    await api.sendMessage(target.chatId, message.text, {
      ...messageOptions(message),
      ...(target.threadId !== undefined ? { message_thread_id: target.threadId } : {}),
      ...(target.replyTo !== undefined && i === 0
        ? { reply_parameters: { message_id: target.replyTo, allow_sending_without_reply: true } }
        : {}),
    });
  }
}

/** Telegram refuses an edit that changes nothing; for a page button that is not a failure. */
export const isUnchanged = (error: unknown): boolean =>
  error instanceof GrammyError && /message is not modified/i.test(error.description);

/**
 * Shows `messages` in place of an existing one (a page turned). A page that needs more than one
 * message keeps the first in place and sends the rest after it, the buttons on the last.
 */
export async function replaceMessage(
  api: Api,
  chatId: number,
  messageId: number,
  messages: readonly TelegramMessage[],
): Promise<void> {
  const [first, ...rest] = messages;
  if (!first) return;
  try {
    await api.editMessageText(chatId, messageId, first.text, messageOptions(first));
  } catch (error) {
    if (!isUnchanged(error)) throw error;
  }
  await sendMessages(api, { chatId }, rest);
}
