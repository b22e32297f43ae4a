import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commands } from "../../../../commands/index.js";
import { subscribe } from "../../../../commands/subscribe.js";
import { registerCommands, slashCommands, type SlashCommand } from "../../../../src/adapters/discord/register.js";
import { silentLogger } from "../../../../src/core/logger.js";

describe("slash commands from the registry", () => {
  const definitions = slashCommands(commands);
  const named = (name: string) => definitions.find((d) => d.name === name);

  it("has one command per registry entry, aliases left out", () => {
    expect(definitions.map((d) => d.name)).toEqual(commands.map((c) => c.name));
    expect(definitions.map((d) => d.name)).not.toContain("list");
  });

  it("types each argument as a string option with its description, requirement and length limit", () => {
    expect(named("subscribe")?.options?.[0]).toMatchObject({
      type: 3,
      name: "query",
      description: subscribe.argument?.description,
      required: true,
      max_length: 200,
    });
    expect(named("latest")?.options?.[0]).toMatchObject({ name: "query", required: false });
    expect(named("help")?.options ?? []).toEqual([]);
  });

  it("gives commands that can act on the person's own alerts a dm option, after the argument", () => {
    for (const name of ["subscribe", "unsubscribe", "subscriptions", "pause", "resume"]) {
      expect(named(name)?.options?.at(-1)).toMatchObject({ type: 5, name: "dm", required: false });
    }
    expect(named("latest")?.options?.map((o) => o.name)).toEqual(["query"]);
  });

  it("autocompletes the subscription /unsubscribe names", () => {
    expect(named("unsubscribe")?.options?.[0]).toMatchObject({ name: "id", autocomplete: true });
    expect(named("subscribe")?.options?.[0]).toMatchObject({ autocomplete: false });
    expect(named("timezone")?.options?.[0]).toMatchObject({ name: "zone", autocomplete: true });
  });

  it("is usable in servers and in DMs with the bot, by everyone (permissions are checked on use)", () => {
    for (const definition of definitions) {
      expect(definition.contexts).toEqual([0, 1]);
      expect(definition.default_member_permissions ?? null).toBeNull();
    }
  });
});

describe("registering the commands", () => {
  let dataDir: string;
  let puts: { route: string; body: unknown }[];
  const rest = {
    put: async (route: string, options?: { body?: unknown }) => void puts.push({ route, body: options?.body }),
  };
  const definitions = slashCommands(commands);
  const register = (target: { applicationId: string; guildId?: string }, defs: SlashCommand[] = definitions) =>
    registerCommands(target, defs, { rest, dataDir, log: silentLogger });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "jobhound-register-"));
    puts = [];
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("overwrites the guild's commands when a guild is set, else the global ones", async () => {
    await register({ applicationId: "1", guildId: "2" });
    await register({ applicationId: "1" });
    expect(puts.map((p) => p.route)).toEqual(["/applications/1/guilds/2/commands", "/applications/1/commands"]);
    expect(puts[0]?.body).toEqual(definitions);
  });

  it("sends nothing when the same commands were last registered at the same place", async () => {
    expect(await register({ applicationId: "1", guildId: "2" })).toBe("registered");
    expect(await register({ applicationId: "1", guildId: "2" })).toBe("unchanged");
    expect(puts).toHaveLength(1);
  });

  it("registers again when the commands or the place changed, or the stamp is unreadable", async () => {
    await register({ applicationId: "1", guildId: "2" });
    await register({ applicationId: "1", guildId: "3" });
    await register({ applicationId: "1", guildId: "3" }, definitions.slice(1));
    await writeFile(join(dataDir, "discord-commands.json"), "{ not json");
    await register({ applicationId: "1", guildId: "3" }, definitions.slice(1));
    expect(puts).toHaveLength(4);
  });

  it("keeps no stamp when Discord refused, so the next start tries again", async () => {
    const failing = { put: async () => Promise.reject(new Error("503")) };
    await expect(
      registerCommands({ applicationId: "1" }, definitions, { rest: failing, dataDir, log: silentLogger }),
    ).rejects.toThrow("503");
    await expect(readFile(join(dataDir, "discord-commands.json"), "utf8")).rejects.toThrow();
    expect(await register({ applicationId: "1" })).toBe("registered");
  });
});
