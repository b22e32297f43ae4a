/**
 * The terminal as a plug-in: it runs when no other platform is configured, reads commands from
 * stdin and prints to stdout. Its one chat is `console:local`; it has no limits, and one send at a
 * time keeps alerts in order.
 */
import { unlimited } from "../../delivery/limiter.js";
import { definePlatform } from "../platform.js";
import { CONSOLE, CONSOLE_CHAT, consoleAdapter } from "./console.js";

export const consolePlatform = definePlatform({
  name: CONSOLE,
  config: {},
  addressing: {
    format: CONSOLE_CHAT,
    isChat: (chat) => chat === CONSOLE_CHAT,
    kindOf: () => "private",
  },
  rates: unlimited(1),
  fallback: true,
  configure: () => ({
    secrets: [],
    async start({ commands, log }) {
      const terminal = consoleAdapter(process.stdin, process.stdout, commands);
      log.info({}, "console mode: type /help");
      return { transport: terminal.transport, stop: async () => {}, ended: terminal.closed, connected: () => true };
    },
  }),
});
