/**
 * The one command registry. Adapters build their menus, slash commands and line parsers from
 * this list; adding a command means one file and one line here.
 */
import type { Command } from "./command.js";
import { digest } from "./digest.js";
import { helpCommand, startCommand } from "./help.js";
import { latest } from "./latest.js";
import { mute } from "./mute.js";
import { muted } from "./muted.js";
import { pause } from "./pause.js";
import { quiet } from "./quiet.js";
import { resume } from "./resume.js";
import { settings } from "./settings.js";
import { sources } from "./sources.js";
import { subscribe } from "./subscribe.js";
import { subscriptions } from "./subscriptions.js";
import { timezone } from "./timezone.js";
import { saved } from "./saved.js";
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
  digest,
  quiet,
  timezone,
  settings,
  sources,
];

/** The command a typed name refers to, aliases included; undefined when there is none. */
export function findCommand(name: string): Command | undefined {
  const wanted = name.toLowerCase();
  return commands.find((c) => c.name === wanted || c.aliases?.includes(wanted));
}

/**
 * The command a page button names, only if it has pages: a forged button naming any other
 * command (`unsubscribe`, `subscribe`) must not run it.
 */
export function findPagedCommand(name: string): Command | undefined {
  return commands.find((c) => c.pages === true && c.name === name);
}

/** The answer to a page button that names no paged command, or can no longer be served. */
export const EXPIRED_BUTTON = "This button has expired.";

export type { Command, CommandContext } from "./command.js";
