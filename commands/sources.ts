import { formatAge } from "../src/core/format.js";
import { sourceHealth, type SourceState } from "../src/core/source-state.js";
import { bold, list, paragraph, reply, type Inline } from "../src/core/reply.js";
import type { Command } from "./command.js";

/** "in a few words": a failure reason longer than this is cut. */
const REASON_LENGTH = 90;

/** "14:05 UTC" today, "3 Feb 14:05 UTC" on another day: chats span time zones, so UTC, named. */
function clockTime(at: number, now: number): string {
  const date = new Date(at);
  const time = `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")} UTC`;
  if (date.toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10)) return time;
  return `${date.getUTCDate()} ${date.toLocaleString("en", { month: "short", timeZone: "UTC" })} ${time}`;
}

/** "in 25 min", "in 3 h": formatAge's wording, forwards. */
function formatIn(ms: number): string {
  return formatAge(ms)
    .replace(/ ago$/, "")
    .replace(/^just now$/, "a moment")
    .replace(/^/, "in ");
}

function until(at: number | undefined, now: number): string {
  return at === undefined || at <= now
    ? "retrying on the next cycle"
    : `backing off until ${clockTime(at, now)} (${formatIn(at - now)})`;
}

function shortReason(reason: string | undefined): string {
  const text = reason ?? "unknown error";
  return text.length > REASON_LENGTH ? `${text.slice(0, REASON_LENGTH - 1)}…` : text;
}

export function describeSource(state: SourceState | undefined, now: number): string {
  if (!state?.lastAttemptAt) return "not fetched yet";
  const last = state.lastSuccessAt
    ? `last success ${formatAge(now - state.lastSuccessAt)}`
    : "never fetched successfully";
  const seen = `${state.jobsSeen} jobs seen`;
  const health = sourceHealth(state);
  switch (health.status) {
    case "healthy": {
      // A floor of hours (Remotive) makes "when next" worth saying.
      const next =
        state.nextFetchAt !== undefined && state.nextFetchAt - now > 30 * 60_000
          ? `; next fetch ${formatIn(state.nextFetchAt - now)}`
          : "";
      return `healthy; ${last}${next}; ${seen}`;
    }
    case "backing-off": {
      const failures = `${health.failures} failed ${health.failures === 1 ? "fetch" : "fetches"}`;
      return `${until(health.until, now)} after ${failures}; ${last}; ${seen}; last failure: ${shortReason(state.lastError)}`;
    }
    case "failing":
      return `failing since ${clockTime(health.since, now)} (${formatAge(now - health.since).replace(/ ago$/, "")}), ${until(health.until, now)}; ${last}; ${seen}; last failure: ${shortReason(state.lastError)}`;
  }
}

export const sources: Command = {
  name: "sources",
  description: "The job boards Jobhound watches, and whether each is healthy",
  access: "anyone",
  async run({ store, sources: configured, clock }) {
    const states = new Map((await store.sourceStates()).map((s) => [s.id, s]));
    const now = clock.now();
    const rows: Inline[][] = configured.map((source) => [
      bold(source.label),
      ` — ${describeSource(states.get(source.id), now)}`,
    ]);
    return {
      ...reply(
        paragraph(`Watching ${configured.length} ${configured.length === 1 ? "source" : "sources"}:`),
        list(rows),
      ),
      ephemeral: true,
    };
  },
};
