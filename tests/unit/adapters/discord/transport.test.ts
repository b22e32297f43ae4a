import { DiscordAPIError, REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { discordTransport, failureKind } from "../../../../src/adapters/discord/transport.js";
import { alertActionCodec } from "../../../../src/core/alert-action-payload.js";
import type { Alert } from "../../../../src/core/alert.js";
import { systemClock } from "../../../../src/core/clock.js";
import { deliveryEngine } from "../../../../src/delivery/dispatcher.js";
import { DeliveryError } from "../../../../src/delivery/transport.js";
import { memoryStore } from "../../../../src/store/memory-store.js";
import { makeCommit, makeJob, makeOutboxEntry } from "../../../fakes/builders.js";
import { startFakeDiscord, type FakeDiscord } from "../../../fakes/fake-discord.js";
import { recordingLogger } from "../../../fakes/recording-logger.js";

const job = makeJob({ title: "@everyone Rust engineer" });
const codec = alertActionCodec("a secret of the tests' own");
const alertTo = (chat: string): Alert => ({
  chat,
  items: [{ job, matches: [{ subscriptionId: "1", query: "rust", words: ["rust"] }] }],
});

describe("Discord failures", () => {
  const apiError = (code: number, status: number) =>
    new DiscordAPIError({ code, message: "refused" }, code, status, "POST", "/channels/1/messages", {});

  it.each([50001, 50013, 10003, 50007, 10013])("code %i pauses the chat whatever the HTTP status", (code) => {
    expect(failureKind(apiError(code, 400))).toBe("permanent");
  });

  it("any other 403 or 404 pauses the chat too: repeating refused requests gets a bot banned", () => {
    expect(failureKind(apiError(40001, 403))).toBe("permanent");
    expect(failureKind(apiError(0, 404))).toBe("permanent");
  });

  it("anything else is worth retrying later", () => {
    expect(failureKind(apiError(50035, 400))).toBe("transient");
    expect(failureKind(new Error("socket hang up"))).toBe("transient");
  });
});

describe("the Discord transport, through the real REST client", () => {
  let discord: FakeDiscord;
  // No retries: a 5xx should reach the transport at once instead of after the client's own tries.
  const rest = () => new REST({ api: discord.apiRoot, retries: 0 }).setToken("test-token");

  beforeAll(async () => {
    discord = await startFakeDiscord();
  });
  afterAll(() => discord.close());

  it("posts a channel alert into its channel, allowing no mentions", async () => {
    await discordTransport(rest(), codec).send(alertTo("discord:channel:301"));
    const [body] = discord.messagesIn("301");
    expect(body).toMatchObject({
      allowed_mentions: { parse: [] },
      embeds: [{ title: "\\@everyone Rust engineer", url: job.url }],
    });
    expect(discord.requests.at(-1)?.authorization).toBe("Bot test-token");
  });

  it("signs each job's Save, Hide and Mute company buttons for the chat the alert goes to", async () => {
    await discordTransport(rest(), codec).send(alertTo("discord:channel:311"));
    const [body] = discord.messagesIn("311") as { components: { components: { custom_id?: string }[] }[] }[];
    const ids = (body?.components ?? []).flatMap((row) => row.components).flatMap((b) => b.custom_id ?? []);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(codec.decode("discord:channel:311", id)).toMatchObject({ ok: true, seq: job.seq });
    expect(codec.decode("discord:channel:312", ids[0] ?? "")).toEqual({ ok: false, reason: "foreign" });
  });

  it("does not post an alert whose send was given up (delivery timed out and will retry)", async () => {
    const given = new AbortController();
    given.abort();
    await expect(
      discordTransport(rest(), codec).send(alertTo("discord:channel:302"), { signal: given.signal }),
    ).rejects.toThrow();
    // discord.js queues requests to one route in order: once a later alert has been posted, the
    // given-up one would have been posted before it, had it gone out at all.
    const client = rest();
    await discordTransport(client, codec).send(alertTo("discord:channel:302"));
    expect(discord.messagesIn("302")).toHaveLength(1);
  });

  it("opens the DM channel of a personal subscriber once, then posts there", async () => {
    const transport = discordTransport(rest(), codec);
    await transport.send(alertTo("discord:user:401"));
    await transport.send(alertTo("discord:user:401"));
    const opened = discord.requests.filter((r) => r.path === "/users/@me/channels");
    expect(opened.map((r) => r.body)).toEqual([{ recipient_id: "401" }]);
    expect(discord.messagesIn(discord.dmChannelOf("401") ?? "")).toHaveLength(2);
  });

  it.each([
    ["missing access", 403, 50001],
    ["missing permissions", 403, 50013],
    ["unknown channel", 404, 10003],
  ])("treats %s (%i, code %i) as permanent", async (message, status, code) => {
    discord.refuse("302", { status, code, message });
    const failure = await discordTransport(rest(), codec)
      .send(alertTo("discord:channel:302"))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ kind: "permanent", message });
  });

  it("treats a person who does not accept DMs (50007) as permanent", async () => {
    discord.refuse("user:402", { status: 403, code: 50007, message: "Cannot send messages to this user" });
    await expect(discordTransport(rest(), codec).send(alertTo("discord:user:402"))).rejects.toMatchObject({
      kind: "permanent",
    });
  });

  it("treats a server error as transient", async () => {
    discord.refuse("303", { status: 502, code: 0, message: "Bad Gateway" });
    await expect(discordTransport(rest(), codec).send(alertTo("discord:channel:303"))).rejects.toMatchObject({
      kind: "transient",
    });
  });

  it("treats an unreachable Discord as transient", async () => {
    const nowhere = new REST({ api: "http://127.0.0.1:9/api", retries: 0, timeout: 2_000 }).setToken("t");
    await expect(discordTransport(nowhere, codec).send(alertTo("discord:channel:304"))).rejects.toMatchObject({
      kind: "transient",
    });
  });

  it("pauses a channel that refuses, logging it once however many alerts were waiting", async () => {
    discord.refuse("305", { status: 403, code: 50013, message: "Missing Permissions" });
    const store = memoryStore();
    const log = recordingLogger();
    const chat = "discord:channel:305";
    await store.addSubscription({ chat, createdBy: "1", query: "rust", createdAt: 0 });
    const jobs = [makeJob(), makeJob(), makeJob()];
    await store.commitCycle(
      makeCommit({ newJobs: jobs, outbox: jobs.map((j) => makeOutboxEntry({ chat, jobIds: [j.id] })) }),
    );

    const delivery = deliveryEngine({ store, transports: [discordTransport(rest(), codec)], clock: systemClock, log });
    await delivery.start();
    await vi.waitFor(async () => expect(await store.pendingAlerts()).toEqual([]));
    await delivery.stop();

    expect(await store.getChat(chat)).toMatchObject({ paused: true, pausedReason: "Missing Permissions" });
    expect(log.at("warn").map((r) => r.message)).toEqual(["chat refuses alerts: paused"]);
    expect(await store.pendingAlerts()).toEqual([]);
    // One refused request, not one per waiting alert.
    expect(discord.requests.filter((r) => r.path === "/channels/305/messages")).toHaveLength(1);
  });
});
