/**
 * The Save / Hide / Mute company buttons under a Discord alert (issue #18), and how a tap changes
 * the message. A button's custom_id is the action's signed payload (core/alert-action-payload.ts,
 * at most 33 characters of Discord's 100), so a tap needs nothing remembered to be understood.
 *
 * Discord allows 5 action rows of 5 buttons per message: a single alert has its Apply row and one
 * row of actions; a grouped alert (up to 10 jobs) has one row per job for its first 5 jobs, each
 * button's label numbered as the job is in the text ("2. Save"). The jobs after the fifth have no
 * buttons: their links work, and /mute <company> mutes by name.
 *
 * What a tap changed is written in the message itself, so it survives restarts: the message's
 * content holds one note per job ("**2.** Saved ✓"; a single alert's note stands alone), and the
 * job's row is replaced by the buttons it has now (or removed when it has none: Discord refuses
 * an empty row).
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from "discord.js";
import type { AlertAction } from "../../core/alert-view.js";
import { truncate } from "../../core/format.js";

export const MAX_ACTION_ROWS = 5;
const LABEL_LIMIT = 80;
/** Every alert action payload starts with its version: "a1:". */
export const ALERT_PAYLOAD_PREFIX = "a1:";

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** The part of a message a tap changes: the notes and the buttons. */
export interface ActionState {
  content: string;
  components: ButtonRow[];
}

/** "2. Save" in a grouped alert, "Save" in a single one. */
const numbered = (label: string, number: number | undefined): string =>
  truncate(number === undefined ? label : `${number}. ${label}`, LABEL_LIMIT);

/** One job's buttons as a row; undefined when it has none. */
export function actionRow(actions: readonly AlertAction[], number?: number): ButtonRow | undefined {
  if (actions.length === 0) return undefined;
  return {
    type: ComponentType.ActionRow,
    components: actions.slice(0, 5).map((action) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: numbered(action.label, number),
      custom_id: action.payload,
    })),
  };
}

/** The marker a grouped alert puts before job `number`, in its text and before its note. */
export const jobMarker = (number: number): string => `**${number}.** `;
const NOTE_LINE = /^\*\*(\d+)\.\*\* /;

/** The note lines of a message, by job number ("" for a single alert's note). */
function notesOf(content: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const line of content.split("\n").filter((l) => l.trim() !== "")) {
    const match = NOTE_LINE.exec(line);
    notes.set(match ? (match[1] ?? "") : "", match ? line.slice(match[0].length) : line);
  }
  return notes;
}

function contentOf(notes: Map<string, string>): string {
  return [...notes]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([key, note]) => (key === "" ? note : `${jobMarker(Number(key))}${note}`))
    .join("\n");
}

/**
 * The message after a tap on `pressed`: the job's note set (an empty note removes it; `note` is
 * already escaped) and its row replaced by `buttons`. A message without that button is returned
 * unchanged (the tap came from an older copy of it).
 */
export function afterTap(
  message: ActionState,
  pressed: string,
  edit: { note: string; buttons: readonly AlertAction[] },
): ActionState {
  const index = message.components.findIndex((row) =>
    row.components.some((button) => "custom_id" in button && button.custom_id === pressed),
  );
  const row = message.components[index];
  if (!row) return message;
  const button = row.components.find((b) => "custom_id" in b && b.custom_id === pressed);
  const label = button && "label" in button ? (button.label ?? "") : "";
  const number = /^(\d+)\. /.exec(label)?.[1];
  const replacement = actionRow(edit.buttons, number === undefined ? undefined : Number(number));
  const components = message.components.flatMap((r, i) => (i !== index ? [r] : replacement ? [replacement] : []));
  const notes = notesOf(message.content);
  if (edit.note === "") notes.delete(number ?? "");
  else notes.set(number ?? "", edit.note);
  return { content: contentOf(notes), components };
}
