// The fake Bot API's limits decide what the delivery end-to-end tests prove: check that they bite.
import { describe, expect, it } from "vitest";
import { telegramFloodControl } from "../../fakes/flood-limits.js";

describe("the fake Bot API's flood control", () => {
  it("refuses the 31st message in one second, with a retry_after", () => {
    const flood = telegramFloodControl();
    for (let chat = 1; chat <= 30; chat++) expect(flood.admit(chat, 1_000 + chat)).toBeUndefined();
    expect(flood.admit(31, 1_500)).toEqual({ retryAfter: 1 });
    expect(flood.admit(31, 2_000)).toEqual({ retryAfter: 1 });
    expect(flood.admit(31, 2_001)).toBeUndefined();
    expect(flood.refused()).toBe(2);
  });

  it("refuses a fourth message to a chat within 3 s", () => {
    const flood = telegramFloodControl();
    for (const at of [0, 10, 20]) expect(flood.admit(42, at)).toBeUndefined();
    expect(flood.admit(42, 2_999)).toEqual({ retryAfter: 1 });
    expect(flood.admit(42, 3_000)).toBeUndefined();
  });

  it("refuses a 21st message to a group within a minute", () => {
    const flood = telegramFloodControl();
    for (let i = 0; i < 20; i++) expect(flood.admit(-100, i * 1_000)).toBeUndefined();
    expect(flood.admit(-100, 59_999)).toEqual({ retryAfter: 1 });
    expect(flood.admit(-100, 60_000)).toBeUndefined();
  });

  it("judges a message by when it arrived, whatever order requests are processed in", () => {
    const flood = telegramFloodControl();
    for (const at of [3_000, 2_000, 1_000]) expect(flood.admit(42, at)).toBeUndefined();
    // Arrived before the others, processed after them: the window [500, 3_500) would hold four.
    expect(flood.admit(42, 500)).toBeDefined();
  });
});
