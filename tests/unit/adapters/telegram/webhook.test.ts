import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { derivedWebhookSecret, webhookHandler } from "../../../../src/adapters/telegram/webhook.js";
import { recordingLogger } from "../../../fakes/recording-logger.js";

const SECRET = "s3cret_-token";

describe("the Telegram webhook handler", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(handled: Update[], fail = false): Promise<string> {
    const handler = webhookHandler({
      secret: SECRET,
      log: recordingLogger(),
      handleUpdate: async (update) => {
        if (fail) throw new Error("grammY broke");
        handled.push(update);
      },
    });
    server = createServer((request, response) => void handler(request, response));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  }

  const post = (url: string, body: string, secret: string | undefined = SECRET) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body,
    }).then((response) => response.status);

  it("handles an update once, however often Telegram delivers it", async () => {
    const handled: Update[] = [];
    const url = await serve(handled);
    const update = JSON.stringify({ update_id: 7, message: { text: "/help" } });
    expect([await post(url, update), await post(url, update)]).toEqual([200, 200]);
    expect(handled.map((u) => u.update_id)).toEqual([7]);
  });

  it("refuses a wrong secret, a body over 1 MB and a body that is not an update, handling none", async () => {
    const handled: Update[] = [];
    const url = await serve(handled);
    expect(await post(url, JSON.stringify({ update_id: 1 }), "wrong")).toBe(401);
    expect(await post(url, JSON.stringify({ update_id: 2, pad: "x".repeat(2 << 20) }))).toBe(413);
    expect(await post(url, "{not json")).toBe(400);
    expect(await post(url, JSON.stringify({ message: {} }))).toBe(400);
    expect(handled).toEqual([]);
  });

  it("answers 500 when handling fails, so Telegram delivers the update again and it is handled then", async () => {
    const url = await serve([], true);
    expect(await post(url, JSON.stringify({ update_id: 3 }))).toBe(500);
    expect(await post(url, JSON.stringify({ update_id: 3 }))).toBe(500);
  });

  it("derives a secret Telegram accepts from the token, the same each time and different per token", () => {
    const secret = derivedWebhookSecret("123:abc");
    expect(secret).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(derivedWebhookSecret("123:abc")).toBe(secret);
    expect(derivedWebhookSecret("123:abd")).not.toBe(secret);
  });
});
