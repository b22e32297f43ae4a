import { configDefaults, defineConfig } from "vitest/config";

/**
 * Tests that time the bot's answers (the hostile-feed bounds: /healthz under 1 s, SIGTERM within
 * 10 s) run alone, after the rest: on a 2-core machine another file's bot process would take the
 * core the timed bot needs.
 */
const TIMED = ["tests/e2e/hostile-feed.e2e.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "tests",
          globalSetup: ["tests/postgres/global-setup.ts"],
          include: ["tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...TIMED],
          // Most test time is end-to-end tests waiting on a bot process, a fake platform or a board:
          // two files at a time take half the time of one on a 2-core machine.
          maxWorkers: 2,
        },
      },
      // Needs no database: the global setup (a test database per run) is the other project's.
      { extends: true, test: { name: "timed", include: TIMED, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
