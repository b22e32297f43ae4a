import { describe, expect, it } from "vitest";
import { decodePageButton, encodePageButton, findQueryInMessage } from "../../../../src/adapters/telegram/paging.js";
import { renderReply } from "../../../../src/adapters/telegram/render.js";
import { paragraph, reply } from "../../../../src/core/reply.js";
import { parseTelegramHtml } from "../../../fakes/telegram-html.js";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

describe("page buttons", () => {
  it.each([
    ["", 1],
    ["rust remote", 0],
    ["c++ -php", 12],
    ["emoji 🦀 ok", 2],
  ])("carry a short query %j in the button itself", (query, page) => {
    const data = encodePageButton("latest", query, page);
    expect(bytes(data)).toBeLessThanOrEqual(64);
    expect(decodePageButton(data)).toEqual({ command: "latest", page, query });
  });

  it.each([
    ["200 ASCII characters", "a".repeat(200)],
    ["a query that just fails to fit", "x".repeat(51)],
    ["multi-byte letters", "ünïcödé ".repeat(25).trim()],
    ["emoji", "🦀".repeat(100)],
  ])("fit a long query (%s) into 64 bytes as a hash", (_, query) => {
    const data = encodePageButton("latest", query, 999_999);
    expect(bytes(data)).toBeLessThanOrEqual(64);
    const request = decodePageButton(data);
    expect(request).toMatchObject({ command: "latest", page: 999_999 });
    expect(request && "queryHash" in request).toBe(true);
  });

  it("recover a long query from the message the button is attached to, as Telegram returns it", () => {
    const query = `"machine learning" ${"engineer ".repeat(20)}-php & <c++>`.trim();
    const [message] = renderReply(
      {
        ...reply(paragraph("Newest matching jobs, page 1 of 3:")),
        pager: { command: "latest", query, page: 0, hasPrevious: false, hasNext: true },
      },
      0,
    );
    const button = message?.keyboard?.[0]?.[0];
    const data = button && "callback_data" in button ? button.callback_data : "";
    const request = decodePageButton(data);
    if (!request || !("queryHash" in request)) throw new Error(`expected a hashed button, got ${data}`);
    const { text, entities } = parseTelegramHtml(message?.text ?? "");
    expect(findQueryInMessage(request.queryHash, text, entities)).toBe(query);
  });

  it("find no query in a message that does not show it", () => {
    const request = decodePageButton(encodePageButton("latest", "q".repeat(80), 1));
    if (!request || !("queryHash" in request)) throw new Error("expected a hashed button");
    expect(findQueryInMessage(request.queryHash, "other q", [{ type: "code", offset: 0, length: 5 }])).toBeUndefined();
  });

  it.each(["", "latest:1", "pg1:latest:x:=q", "pg2:latest:1:=q", "pg1:LATEST:1:=q", "pg1:latest:1:q"])(
    "refuse data it did not make: %j",
    (data) => {
      expect(decodePageButton(data)).toBeUndefined();
    },
  );
});
