import { formatAge } from "../src/core/format.js";
import type { SourceState } from "../src/core/source-state.js";
import { bold, list, paragraph, reply, type Inline } from "../src/core/reply.js";
import type { Command } from "./command.js";

function status(state: SourceState | undefined, now: number): string {
  if (!state?.lastAttemptAt) return "not fetched yet";
  const last = state.lastSuccessAt ? `last fetch ${formatAge(now - state.lastSuccessAt)}` : "never fetched successfully";
  const seen = `${state.jobsSeen} jobs seen`;
  if (state.consecutiveFailures > 0) {
    const since = state.failingSince ? ` since ${formatAge(now - state.failingSince)}` : "";
    return `failing${since} (${state.lastError ?? "unknown error"}); ${last}; ${seen}`;
  }
  return `healthy; ${last}; ${seen}`;
}

export const sources: Command = {
  name: "sources",
  description: "The job boards Jobhound watches, and whether each is healthy",
  access: "anyone",
  async run({ store, sources: configured, clock }) {
    const states = new Map((await store.sourceStates()).map((s) => [s.id, s]));
    const rows: Inline[][] = configured.map((source) => [bold(source.label), ` — ${status(states.get(source.id), clock.now())}`]);
    return { ...reply(paragraph(`Watching ${configured.length} ${configured.length === 1 ? "source" : "sources"}:`), list(rows)), ephemeral: true };
  },
};
