import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "../../fakes/telegram-html.js";

// The fake Bot API is only as strict as this parser: it must refuse what Telegram refuses.
describe("the fake Bot API's HTML parser", () => {
  it("turns markup into text and entities, with offsets in UTF-16 units as Telegram counts", () => {
    expect(
      parseTelegramHtml('🦀 <b>a &amp; <a href="https://x.example/?a=1&amp;b=2">b</a></b> <code>&lt;c&gt;</code>'),
    ).toEqual({
      text: "🦀 a & b <c>",
      entities: [
        { type: "bold", offset: 3, length: 5 },
        { type: "text_link", offset: 7, length: 1, url: "https://x.example/?a=1&b=2" },
        { type: "code", offset: 9, length: 3 },
      ],
    });
  });

  it.each([
    ["an unknown tag", "<script>x</script>"],
    ["a bare <", "a < b"],
    ["a bare >", "a > b"],
    ["a bare &", "Tom & Jerry"],
    ["an entity Telegram does not know", "a&nbsp;b"],
    ["crossed tags", "<b><i>x</b></i>"],
    ["an unclosed tag", "<b>x"],
    ["a stray end tag", "x</b>"],
    ["markup inside code", "<code><b>x</b></code>"],
    ["a link that is not http(s)", '<a href="javascript:alert(1)">x</a>'],
    ["an unquoted attribute", "<a href=https://x.example>x</a>"],
  ])("refuses %s", (_, html) => {
    expect(() => parseTelegramHtml(html)).toThrow(/Can't parse entities/);
  });
});
