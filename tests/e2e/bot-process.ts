/**
 * Starts the real bot (the same entry point as `npm start`) as a child process, and lets a test
 * type into its stdin, read its stdout, and wait on its JSON log lines.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CONFIG_VARIABLES } from "../../src/config.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface BotProcess {
  stdout(): string;
  stderr(): string;
  logs(): LogLine[];
  type(line: string): void;
  endInput(): void;
  waitFor(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  child: ChildProcessWithoutNullStreams;
}

// A test that fails or times out must not leave its bot running (and polling, and using a core).
const running = new Set<ChildProcessWithoutNullStreams>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

// The bot loads ./.env from the repository root, where a developer keeps real tokens; it never
// overrides a variable already set, and an empty one counts as unset, so each starts empty.
const UNSET = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, ""]));
// The captured feeds the tests serve are months or years old: announced only with a long
// MAX_JOB_AGE_DAYS (freshness itself is tested in tests/unit/core/alert-filters.test.ts).
const DEFAULTS = { LOG_FORMAT: "json", LOG_LEVEL: "debug", MAX_JOB_AGE_DAYS: "3650" };

export function startBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...UNSET, PATH: process.env.PATH ?? "", ...DEFAULTS, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const logs = (): LogLine[] =>
    err
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as LogLine);

  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    logs,
    type: (line) => child.stdin.write(`${line}\n`),
    endInput: () => child.stdin.end(),
    async waitFor(what, predicate, timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout:\n${out}\nstderr:\n${err}`);
        if (child.exitCode !== null)
          throw new Error(`bot exited (${child.exitCode}) while waiting for ${what}\nstderr:\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** How many cycles the bot has finished, from its logs. */
export const cyclesDone = (bot: BotProcess): number => bot.logs().filter((l) => l.msg === "cycle done").length;
