/**
 * The console adapter: the whole bot in a terminal, used when no platform token is set. Reads
 * commands line by line from stdin (a pipe works too), prints replies and alerts to stdout. A line
 * over 4 KB is refused without being kept in memory (line-reader.ts).
 */
import type { Readable, Writable } from "node:stream";
import { randomBytes } from "node:crypto";
import { runAlertAction } from "../../../commands/alert-actions.js";
import type { SharedContext } from "../../../commands/command.js";
import { findCommand } from "../../../commands/index.js";
import { parseCommandLine, runCommand, unknownCommandReply } from "../../../commands/run.js";
import { alertActionCodec, type AlertAction } from "../../core/alert-action-payload.js";
import { chatId } from "../../core/chat.js";
import type { Pager } from "../../core/reply.js";
import type { ChatTransport } from "../../delivery/transport.js";
import { LINE_TOO_LONG, LineSplitter, readLines, type InputLine } from "./line-reader.js";
import { renderAlert, renderReply } from "./render.js";

export const CONSOLE = "console";
export const CONSOLE_CHAT = chatId(CONSOLE, "local");

/** `/save 3`, `/unsave 3`, `/hide 3`, `/mute 3`: an action on alert [3]; `/mute Acme` stays the command. */
const NUMBERED_ACTIONS: ReadonlyMap<string, AlertAction> = new Map([
  ["save", "save"],
  ["unsave", "unsave"],
  ["hide", "hide"],
  ["mute", "mute"],
]);

export interface ConsoleAdapter {
  transport: ChatTransport;
  /** Resolves when the input has ended and every command read has been answered. */
  closed: Promise<void>;
}

export function consoleAdapter(input: Readable, output: Writable, context: SharedContext): ConsoleAdapter {
  const print = (text: string): void => {
    output.write(`${text}\n`);
  };
  let lastPager: Pager | undefined;
  // Alerts are numbered for this session, and `/save 3` acts on alert 3 through the same handler
  // as a platform's buttons. The numbers last only as long as the process, so the secret may too.
  const codec = alertActionCodec(randomBytes(24).toString("base64url"));
  const alerted: number[] = [];

  async function handle(line: InputLine): Promise<void> {
    if (line.kind === "too-long") return print(LINE_TOO_LONG);
    const text = line.text.trim();
    if (text === "") return;
    if (text === "/next" || text === "/prev") {
      if (!lastPager) return print("Nothing to page through: try /latest first.");
      return answer(lastPager.command, lastPager.query, lastPager.page + (text === "/next" ? 1 : -1));
    }
    const parsed = parseCommandLine(text);
    if (!parsed) return print("Commands start with a slash, like /subscribe rust remote. /help lists them.");
    const numbered = NUMBERED_ACTIONS.get(parsed.name);
    if (numbered && /^#?\d{1,9}$/.test(parsed.args)) return act(numbered, Number(parsed.args.replace("#", "")));
    await answer(parsed.name, parsed.args, 0);
  }

  async function act(action: AlertAction, number: number): Promise<void> {
    const seq = alerted[number - 1];
    if (seq === undefined) return print(`There is no alert [${number}] in this session.`);
    const payload = codec.encode(CONSOLE_CHAT, { action, seq });
    const { store, clock } = context;
    const chat = CONSOLE_CHAT;
    const result = await runAlertAction({
      chat,
      user: "local",
      isPrivate: true,
      isAdmin: true,
      owner: chat,
      payload,
      codec,
      store,
      clock,
    });
    print(result.answer);
  }

  async function answer(name: string, args: string, page: number): Promise<void> {
    const command = findCommand(name);
    const reply = command
      ? await runCommand(command, { ...context, chat: CONSOLE_CHAT, user: "local", args, page: Math.max(0, page) })
      : unknownCommandReply(name);
    lastPager = reply.pager ?? lastPager;
    print(renderReply(reply, context.clock.now()));
  }

  // One command at a time, in the order typed, even when a pipe delivers them all at once.
  let queue = Promise.resolve();
  const ended = readLines(input, new LineSplitter(), (line) => {
    queue = queue
      .then(() => handle(line))
      .catch((error: unknown) => context.log.error({ error }, "console command failed"));
  });
  const closed = ended.then(() => queue);

  return {
    closed,
    transport: {
      platform: CONSOLE,
      async send(alert) {
        const numbers = alert.items.map((item) => alerted.push(item.job.seq));
        print(renderAlert(alert, context.clock.now(), numbers));
      },
    },
  };
}
