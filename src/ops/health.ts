/**
 * What /healthz answers: alive while cycles keep completing. The bot is unhealthy when its last
 * completed cycle (or its start, before the first one) is older than three schedule periods.
 * While the store cannot write (a full or read-only disk) it is "degraded" but still answers 200:
 * the process is alive and answering, and restarting it would not give the disk room.
 */
export interface HealthInputs {
  now: number;
  startedAt: number;
  periodMs: number;
  lastCycleAt?: number;
  lastCompletedCycleAt?: number;
  sourcesFailing: string[];
  platforms: { name: string; connected: boolean }[];
  /** Set while the store's last write failed (files-store.ts onWriteOutcome). */
  storeWriteFailure?: { file: string; error: string; since: number };
  /** Set when several copies may share the database: only the scraper's cycles say it is stale. */
  copy?: CopyStatus;
}

/** What one copy is and holds (README "Running several copies"). */
export interface CopyStatus {
  id: string;
  role: "scraper" | "standby";
  /** Chats whose outbox this copy is delivering now. */
  claims: number;
}

export const copyStatus = (copy: { id: string; isScraper(): boolean; claimCount(): number }): CopyStatus => ({
  id: copy.id,
  role: copy.isScraper() ? "scraper" : "standby",
  claims: copy.claimCount(),
});

export interface Health {
  status: 200 | 503;
  body: {
    status: "ok" | "stale" | "degraded";
    uptimeSeconds: number;
    lastCycleAt: string | null;
    lastCompletedCycleAt: string | null;
    sourcesFailing: string[];
    platforms: Record<string, "connected" | "disconnected">;
    store: { writing: "ok" } | { writing: "failing"; file: string; error: string; since: string };
    copy?: CopyStatus;
  };
}

export const STALE_PERIODS = 3;

export function health(inputs: HealthInputs): Health {
  const { now, startedAt, periodMs, lastCycleAt, lastCompletedCycleAt } = inputs;
  const reference = lastCompletedCycleAt ?? startedAt;
  // A standby copy runs no cycles: it is as healthy as its process (the scraper answers for the cycles).
  const stale = inputs.copy?.role !== "standby" && now - reference > STALE_PERIODS * periodMs;
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const failure = inputs.storeWriteFailure;
  return {
    status: stale ? 503 : 200,
    body: {
      status: stale ? "stale" : failure ? "degraded" : "ok",
      uptimeSeconds: Math.round((now - startedAt) / 1000),
      lastCycleAt: iso(lastCycleAt),
      lastCompletedCycleAt: iso(lastCompletedCycleAt),
      sourcesFailing: inputs.sourcesFailing,
      platforms: Object.fromEntries(inputs.platforms.map((p) => [p.name, p.connected ? "connected" : "disconnected"])),
      store: failure
        ? { writing: "failing", file: failure.file, error: failure.error, since: new Date(failure.since).toISOString() }
        : { writing: "ok" },
      ...(inputs.copy ? { copy: inputs.copy } : {}),
    },
  };
}
