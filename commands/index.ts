/**
 * The one command registry. Adapters build their menus, slash commands and line parsers from
 * this list; adding a command means one file and one line here.
 */
import type { Command } from "./command.js";
import { helpCommand, startCommand } from "./help.js";
import { latest } from "./latest.js";
import { mute } from "./mute.js";
import { muted } from "./muted.js";
import { pause } from "./pause.js";
import { resume } from "./resume.js";
import { saved } from "./saved.js";
import { sources } from "./sources.js";
import { subscribe } from "./subscribe.js";
import { subscriptions } from "./subscriptions.js";
import { unmute } from "./unmute.js";
import { unsave } from "./unsave.js";
import { unsubscribe } from "./unsubscribe.js";

export const commands: readonly Command[] = [
  startCommand(() => commands),
  helpCommand(() => commands),
  subscribe,
  unsubscribe,
  subscriptions,
  latest,
  saved,
  unsave,
  muted,
  mute,
  unmute,
  pause,
  resume,
  sources,
];

/** The command a typed name refers to, aliases included; undefined when there is none. */
export function findCommand(name: string): Command | undefined {
  const wanted = name.toLowerCase();
  return commands.find((c) => c.name === wanted || c.aliases?.includes(wanted));
}

export type { Command, CommandContext } from "./command.js";
