/**
 * A tap on Save, Hide or Mute company under a Discord alert (issue #18): the platform-neutral
 * runAlertAction decides, this answers as Discord expects within its 3 seconds.
 *
 * Where: the alert's chat is the channel, or the person's DMs when there is no server; the payload
 * was signed for that chat, so a button copied elsewhere is refused. Who: Hide and Mute change a
 * channel's alerts, so they take Manage Channels, as subscribing there does; Save keeps the job for
 * the person (their DMs' chat, the addressing's personalChat, needs no DM channel until an alert).
 *
 * The answer: when the alert changes, the interaction is answered by updating the message
 * (UPDATE_MESSAGE: the job's note and buttons) and the sentence follows, for the tapper alone; when
 * it does not (a refusal, Save in a server), the sentence is the ephemeral reply.
 */
import { PermissionFlagsBits } from "discord.js";
import { runAlertAction } from "../../../commands/alert-actions.js";
import { GENERIC_FAILURE } from "../../../commands/run.js";
import { chatId } from "../../core/chat.js";
import { truncate } from "../../core/format.js";
import { textReply } from "../../core/reply.js";
import { DISCORD, discordAddressing } from "./addressing.js";
import { afterTap } from "./alert-buttons.js";
import type { Answer, ButtonPress, HandlerDeps } from "./interactions.js";
import { escapeMarkdown } from "./markdown.js";
import { renderReply } from "./render.js";

/** Escaped, a note at most doubles: five of them stay well inside a message's 2,000 characters of content. */
const NOTE_LIMIT = 150;

const privately = (text: string): Answer => ({ ...renderReply(textReply(text)), ephemeral: true });

export async function handleAlertButton(i: ButtonPress, { context, codec }: HandlerDeps): Promise<void> {
  const log = context.log.child({ interaction: i.id, button: i.customId, user: i.user });
  const isPrivate = i.guildId === undefined;
  const owner = discordAddressing.personalChat?.(i.user) ?? chatId(DISCORD, "user", i.user);
  let answered = false;
  try {
    const result = await runAlertAction({
      chat: isPrivate ? owner : chatId(DISCORD, "channel", i.channelId),
      user: i.user,
      isPrivate,
      isAdmin: ((i.memberPermissions ?? 0n) & PermissionFlagsBits.ManageChannels) !== 0n,
      owner,
      payload: i.customId,
      codec,
      store: context.store,
      clock: context.clock,
    });
    if (!result.edit) {
      answered = true;
      return await i.reply(privately(result.answer));
    }
    const note = escapeMarkdown(truncate(result.edit.note.replace(/\s+/g, " ").trim(), NOTE_LIMIT));
    await i.update(afterTap(i.message, i.customId, { note, buttons: result.edit.buttons }));
    answered = true;
    await i.followUp(privately(result.answer));
  } catch (error) {
    log.error({ error }, "discord alert button failed");
    if (!answered)
      await i
        .reply(privately(GENERIC_FAILURE))
        .catch((again: unknown) => log.debug({ error: again }, "could not tell the person either"));
  }
}
