import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function lintMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith("jobhound/")).map((m) => m.message);
}

describe("the layer rule (imports point inwards)", () => {
  it.each(["grammy", "discord.js", "cheerio", "pg", "@slack/bolt", "node-cron", "node:fs"])(
    "refuses %s in src/core",
    async (pkg) => {
      const messages = await lintMessages("src/core/example.ts", `import "${pkg}";\n`);
      expect(messages).toHaveLength(1);
    },
  );

  it("refuses core importing the store, even through a relative path", async () => {
    expect(await lintMessages("src/core/query/example.ts", `import "../../store/store.js";\n`)).toHaveLength(1);
  });

  it("refuses a command importing a platform library", async () => {
    expect(
      await lintMessages("commands/example.ts", `import { Bot } from "grammy";\nexport const b = Bot;\n`),
    ).toHaveLength(1);
  });

  it("refuses one adapter importing another", async () => {
    expect(await lintMessages("src/adapters/discord/example.ts", `import "../telegram/render.js";\n`)).toHaveLength(1);
  });

  it("refuses sources importing the store implementation", async () => {
    expect(await lintMessages("src/sources/example.ts", `import "../store/files-store.js";\n`)).toHaveLength(1);
  });

  it("allows what the layer table allows", async () => {
    expect(await lintMessages("src/core/example.ts", `import "./job.js";\n`)).toEqual([]);
    expect(
      await lintMessages("commands/example.ts", `import "../src/store/store.js";\nimport "../src/core/job.js";\n`),
    ).toEqual([]);
    expect(await lintMessages("src/sources/example.ts", `import "cheerio";\nimport "../core/job.js";\n`)).toEqual([]);
    expect(
      await lintMessages(
        "src/adapters/telegram/example.ts",
        `import "grammy";\nimport "../../../commands/index.js";\n`,
      ),
    ).toEqual([]);
  });

  it("refuses a type-only import from one adapter into another", async () => {
    expect(
      await lintMessages(
        "src/adapters/discord/example.ts",
        `import type { TelegramMessage } from "../telegram/render.js";\nexport type T = TelegramMessage;\n`,
      ),
    ).toHaveLength(1);
  });

  it("refuses an adapter using another platform's library, and allows its own", async () => {
    expect(await lintMessages("src/adapters/discord/example.ts", `import "grammy";\n`)).toHaveLength(1);
    expect(await lintMessages("src/adapters/slack/example.ts", `import "@slack/bolt";\n`)).toEqual([]);
  });

  it.each(["commands/example.ts", "src/core/example.ts", "src/delivery/example.ts"])(
    "refuses %s importing a platform's module",
    async (file) => {
      const depth = file.split("/").length - 1;
      const up = "../".repeat(depth);
      const target = file.startsWith("commands/") ? "src/adapters/telegram/render.js" : "adapters/telegram/render.js";
      expect(await lintMessages(file, `import "${up}${target}";\n`)).toHaveLength(1);
    },
  );

  it.each([
    ["fetch", `export const get = () => fetch("https://example.com");\n`],
    ["process.env", `export const token = process.env.TOKEN;\n`],
    ["setTimeout", `export const later = (f: () => void) => setTimeout(f, 10);\n`],
    ["globalThis.fetch", `export const get = () => globalThis.fetch("https://example.com");\n`],
    ["Date.now", `export const now = () => Date.now();\n`],
    ["new Date()", `export const now = () => new Date();\n`],
  ])("refuses core reaching the outside through %s", async (_, code) => {
    expect(await lintMessages("src/core/example.ts", code)).toHaveLength(1);
  });

  it("allows core its own clock and a local named like a global", async () => {
    expect(await lintMessages("src/core/clock.ts", `export const now = () => Date.now();\n`)).toEqual([]);
    expect(
      await lintMessages(
        "src/core/example.ts",
        `export const f = (fetch: () => number) => fetch() + new Date(0).getTime();\n`,
      ),
    ).toEqual([]);
  });

  it.each([
    ["src/core/example.ts", `export const p = "telegram";\n`],
    ["src/delivery/example.ts", `export const isGroup = (c: string) => c.startsWith("telegram:-");\n`],
    ["commands/example.ts", "export const chat = (id: number) => `discord:user:${id}`;\n"],
  ])("refuses %s naming a platform", async (file, code) => {
    expect(await lintMessages(file, code)).toHaveLength(1);
  });

  it("lets an adapter import the plug-in contract and zod", async () => {
    expect(
      await lintMessages(
        "src/adapters/telegram/example.ts",
        `import { definePlatform } from "../platform.js";\nimport { z } from "zod";\nexport const x = [definePlatform, z];\n`,
      ),
    ).toEqual([]);
  });
});
