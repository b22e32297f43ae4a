import { describe, expect, it } from "vitest";
import { health } from "../../../src/ops/health.js";

const MINUTE = 60_000;
const base = {
  startedAt: 0,
  periodMs: 10 * MINUTE,
  sourcesFailing: [],
  platforms: [{ name: "telegram", connected: true }],
};

describe("/healthz", () => {
  it("is healthy while cycles complete within three schedule periods", () => {
    const answer = health({ ...base, now: 100 * MINUTE, lastCycleAt: 95 * MINUTE, lastCompletedCycleAt: 71 * MINUTE });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "ok", uptimeSeconds: 6000, platforms: { telegram: "connected" } });
  });

  it("is unhealthy once the last completed cycle is older than three periods", () => {
    const answer = health({ ...base, now: 100 * MINUTE, lastCycleAt: 99 * MINUTE, lastCompletedCycleAt: 69 * MINUTE });
    expect(answer.status).toBe(503);
    expect(answer.body.status).toBe("stale");
  });

  it("gives a fresh start three periods before the first cycle must have completed", () => {
    expect(health({ ...base, now: 29 * MINUTE }).status).toBe(200);
    expect(health({ ...base, now: 31 * MINUTE }).status).toBe(503);
  });

  it("reports failing sources and disconnected platforms without turning unhealthy", () => {
    const answer = health({
      ...base,
      now: 5 * MINUTE,
      lastCompletedCycleAt: 4 * MINUTE,
      sourcesFailing: ["remotive"],
      platforms: [{ name: "discord", connected: false }],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ sourcesFailing: ["remotive"], platforms: { discord: "disconnected" } });
  });

  it("is degraded, still answering 200, while the store cannot write, and ok again once it can", () => {
    const failing = health({
      ...base,
      now: 5 * MINUTE,
      lastCompletedCycleAt: 4 * MINUTE,
      storeWriteFailure: { file: "/data/state.json", error: "ENOSPC: no space left on device", since: 3 * MINUTE },
    });
    expect(failing.status).toBe(200);
    expect(failing.body).toMatchObject({
      status: "degraded",
      store: { writing: "failing", file: "/data/state.json", error: "ENOSPC: no space left on device" },
    });
    const recovered = health({ ...base, now: 5 * MINUTE, lastCompletedCycleAt: 4 * MINUTE });
    expect(recovered.body).toMatchObject({ status: "ok", store: { writing: "ok" } });
  });
});
