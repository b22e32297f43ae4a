import { describe, expect, it } from "vitest";
import {
  CUSTOM_ID_LIMIT,
  pagerButtonId,
  pagerFooter,
  parsePagerButtonId,
  queryFromFooter,
} from "../../../../src/adapters/discord/pager-button.js";

describe("pager button ids", () => {
  it.each(["", "rust", 'rust -php "node.js"', "q".repeat(80)])("carry a short query whole: %j", (query) => {
    const id = pagerButtonId("latest", 3, query);
    expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_LIMIT);
    expect(parsePagerButtonId(id)).toEqual({ command: "latest", page: 3, query });
  });

  it("leave a query that does not fit to the message footer", () => {
    const query = "rust ".repeat(40).trim();
    const id = pagerButtonId("latest", 12, query);
    expect(id).toBe("pager:latest:12:~");
    expect(parsePagerButtonId(id)).toEqual({ command: "latest", page: 12 });
    expect(queryFromFooter("latest", pagerFooter("latest", query))).toBe(query);
  });

  it("read back an empty query from the footer", () => {
    expect(queryFromFooter("latest", pagerFooter("latest", ""))).toBe("");
  });

  it.each(["latest:1", "pager:latest:x:q:rust", "pager:LATEST:1:q:a", "pager:latest:1", ""])(
    "reject what they did not make: %j",
    (id) => {
      expect(parsePagerButtonId(id)).toBeUndefined();
    },
  );

  it("find no query in a footer of another command or none", () => {
    expect(queryFromFooter("latest", "/subscriptions")).toBeUndefined();
    expect(queryFromFooter("latest", "/latestx")).toBeUndefined();
    expect(queryFromFooter("latest", undefined)).toBeUndefined();
  });
});
