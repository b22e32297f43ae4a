/**
 * A tap on Save, Hide or Mute company under a Slack alert (issue #18). Bolt has acknowledged it
 * already (app.ts); the platform-neutral runAlertAction decides, and this answers through the
 * tap's response_url: the message replaced with the job's note and new buttons, then the answer
 * for the person alone. A tap that changes nothing is answered only to the person.
 *
 * Where: the alert's channel; a D… channel is the person's DM with the bot. Who: Hide and Mute
 * change a channel's alerts, so they follow the rule of subscribing there: any member, or only
 * workspace admins and owners with SLACK_ADMINS_ONLY. Save keeps the job for the person, in
 * their DM with the bot (conversations.open), where `/jobhound saved` lists it.
 */
import { runAlertAction } from "../../../commands/alert-actions.js";
import { GENERIC_FAILURE } from "../../../commands/run.js";
import { chatId, type ChatId } from "../../core/chat.js";
import { textReply } from "../../core/reply.js";
import { SLACK, slackAddressing } from "./addressing.js";
import { afterTap, type ReceivedBlock } from "./alert-buttons.js";
import type { HandlerDeps } from "./handlers.js";
import { renderReply, type SlackBlock } from "./render.js";

export interface AlertButtonRequest {
  user: string;
  channelId: string;
  /** The button's value: the action's signed payload. */
  value: string | undefined;
  /** The block the button is in. */
  blockId: string;
  responseUrl: string;
  /** The message the button is on, as Slack sent it (absent for an ephemeral message). */
  message?: { text: string; blocks: ReceivedBlock[] };
}

export async function handleAlertButton(request: AlertButtonRequest, deps: HandlerDeps): Promise<void> {
  const { context, respond } = deps;
  const log = context.log.child({ user: request.user, channel: request.channelId });
  const chat: ChatId = chatId(SLACK, request.channelId);
  const tell = (text: string) =>
    respond(chat, request.responseUrl, renderReply(textReply(text), context.clock.now()), "ephemeral");
  try {
    const isPrivate = slackAddressing.kindOf(chat) === "private";
    const owner = isPrivate ? chat : chatId(SLACK, await deps.directChannel(request.user));
    const result = await runAlertAction({
      chat,
      user: request.user,
      isPrivate,
      isAdmin: !deps.adminsOnly || isPrivate || (await deps.isWorkspaceAdmin(request.user)),
      owner,
      payload: request.value ?? "",
      codec: deps.codec,
      store: context.store,
      clock: context.clock,
    });
    const blocks = result.edit && request.message && afterTap(request.message.blocks, request.blockId, result.edit);
    if (blocks && request.message) {
      // The blocks are Slack's own copy of the message, changed only in this job's buttons and note.
      const message = { text: request.message.text, blocks: blocks as SlackBlock[] };
      await respond(chat, request.responseUrl, message, "replace");
    }
    await tell(result.answer);
  } catch (error) {
    log.error({ chat, error }, "slack alert button failed");
    await tell(GENERIC_FAILURE);
  }
}
