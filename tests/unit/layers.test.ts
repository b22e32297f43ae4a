import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function lintMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "jobhound/layer-boundaries").map((m) => m.message);
}

describe("the layer rule (imports point inwards)", () => {
  it.each(["grammy", "discord.js", "cheerio", "lowdb", "node-cron", "node:fs"])(
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
    expect(await lintMessages("src/sources/example.ts", `import "../store/lowdb-store.js";\n`)).toHaveLength(1);
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
});
