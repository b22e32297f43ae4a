/**
 * The Save / Hide / Mute company buttons under each job of a Slack alert (issue #18), and how a
 * tap changes the message.
 *
 * Each job gets its own `actions` block right under it (3 buttons of the 25 a block allows; a
 * grouped alert of 10 jobs stays far below the 50 blocks of a message). A button's value is the
 * action's signed payload (core/alert-action-payload.ts); its action_id, unique within its block,
 * routes it to the handler. The block is named `actions:<n>` after the job's place in the
 * message, and a tap's note goes in a context block `note:<n>` right under it, so what a tap
 * changed is kept in the message itself and survives restarts.
 */
import type { AlertAction } from "../../core/alert-view.js";
import { truncate } from "../../core/format.js";
import { escapeMrkdwn } from "./mrkdwn.js";
import type { SlackBlock, SlackButton } from "./render.js";

/** Every alert button's action_id starts with this; Bolt routes them by it. */
export const ALERT_ACTION = /^alert:/;
const BUTTON_TEXT_LIMIT = 75;
const NOTE_LIMIT = 200;

const actionsId = (n: number): string => `actions:${n}`;
const noteId = (n: number): string => `note:${n}`;

function alertButton(action: AlertAction, index: number): SlackButton {
  return {
    type: "button",
    text: { type: "plain_text", text: truncate(action.label, BUTTON_TEXT_LIMIT), emoji: true },
    action_id: `alert:${index}`,
    value: action.payload,
  };
}

/** Job `n`'s buttons as an actions block; none when it has no actions. */
export function actionsBlock(actions: readonly AlertAction[], n: number): SlackBlock[] {
  if (actions.length === 0) return [];
  return [{ type: "actions", block_id: actionsId(n), elements: actions.map(alertButton) }];
}

/** A block as Slack sends it back in a block_actions payload: only its id matters here. */
export type ReceivedBlock = { block_id?: string } & Record<string, unknown>;

/**
 * The message's blocks after a tap in block `blockId`: that job's buttons replaced (the block
 * removed when none are left) and its note set under them (an empty note removes it). Blocks
 * that are not an alert's buttons are left as they are; undefined when the block is not there.
 */
export function afterTap(
  blocks: readonly ReceivedBlock[],
  blockId: string,
  edit: { note: string; buttons: readonly AlertAction[] },
): ReceivedBlock[] | undefined {
  const n = /^actions:(\d{1,3})$/.exec(blockId)?.[1];
  const at = blocks.findIndex((block) => block.block_id === blockId);
  if (n === undefined || at < 0) return undefined;
  const note = edit.note.replace(/\s+/g, " ").trim();
  const replacement: ReceivedBlock[] = [
    ...actionsBlock(edit.buttons, Number(n)),
    ...(note === ""
      ? []
      : [
          {
            type: "context",
            block_id: noteId(Number(n)),
            elements: [{ type: "mrkdwn", text: escapeMrkdwn(truncate(note, NOTE_LIMIT)) }],
          },
        ]),
  ];
  const before = blocks.slice(0, at);
  const after = blocks.slice(at + 1).filter((block) => block.block_id !== noteId(Number(n)));
  return [...before, ...replacement, ...after];
}
