/**
 * The console adapter: the whole bot in a terminal, used when no platform token is set. Reads
 * commands line by line from stdin (a pipe works too), prints replies and alerts to stdout.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { SharedContext } from "../../../commands/command.js";
import { findCommand } from "../../../commands/index.js";
import { parseCommandLine, runCommand, unknownCommandReply } from "../../../commands/run.js";
import { chatId } from "../../core/chat.js";
import type { Pager } from "../../core/reply.js";
import type { ChatTransport } from "../../delivery/transport.js";
import { renderAlert, renderReply } from "./render.js";

export const CONSOLE = "console";
export const CONSOLE_CHAT = chatId(CONSOLE, "local");

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

  async function handle(line: string): Promise<void> {
    const text = line.trim();
    if (text === "") return;
    if (text === "/next" || text === "/prev") {
      if (!lastPager) return print("Nothing to page through: try /latest first.");
      return answer(lastPager.command, lastPager.query, lastPager.page + (text === "/next" ? 1 : -1));
    }
    const parsed = parseCommandLine(text);
    if (!parsed) return print("Commands start with a slash, like /subscribe rust remote. /help lists them.");
    await answer(parsed.name, parsed.args, 0);
  }

  async function answer(name: string, args: string, page: number): Promise<void> {
    const command = findCommand(name);
    const reply = command
      ? await runCommand(command, { ...context, chat: CONSOLE_CHAT, user: "local", args, page: Math.max(0, page) })
      : unknownCommandReply(name);
    lastPager = reply.pager ?? lastPager;
    print(renderReply(reply, context.clock.now()));
  }

  const lines = createInterface({ input, terminal: false });
  // One command at a time, in the order typed, even when a pipe delivers them all at once.
  let queue = Promise.resolve();
  lines.on("line", (line) => {
    queue = queue
      .then(() => handle(line))
      .catch((error: unknown) => context.log.error({ error }, "console command failed"));
  });
  const closed = new Promise<void>((resolve) => lines.once("close", () => resolve(queue)));

  return {
    closed,
    transport: {
      platform: CONSOLE,
      async send(alert) {
        print(renderAlert(alert, context.clock.now()));
      },
    },
  };
}
