import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { heldId, IdSlots } from "../../../../src/core/query/id-slots.js";

describe("the slots of subscriptions by id", () => {
  it("holds decimal ids as numbers and any other id as given", () => {
    expect(heldId("42")).toBe(42);
    expect(heldId("999999999999999")).toBe(999_999_999_999_999);
    // A leading zero, sixteen digits (beyond a double's exact integers for some), zero, letters.
    for (const id of ["042", "1234567890123456", "0", "sub-1", "", "1e3"]) expect(heldId(id)).toBe(id);
  });

  it("finds each slot set, after the table has grown many times and ids were deleted", () => {
    const slots = new IdSlots();
    for (let id = 1; id <= 100_000; id += 1) slots.set(id, id * 2);
    for (let id = 1; id <= 100_000; id += 3) expect(slots.delete(id)).toBe(true);
    expect(slots.delete(1)).toBe(false);
    const found = Array.from({ length: 100_000 }, (_, i) => slots.get(i + 1));
    expect(found).toEqual(Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? undefined : (i + 1) * 2)));
    expect(slots.size).toBe(100_000 - 33_334);
  });

  it("keeps ids a double holds beyond 32 bits apart from the ids they share low bits with", () => {
    const slots = new IdSlots();
    const high = 2 ** 32;
    slots.set(7, 1);
    slots.set(high + 7, 2);
    slots.set(999_999_999_999_999, 3);
    expect([slots.get(7), slots.get(high + 7), slots.get(999_999_999_999_999)]).toEqual([1, 2, 3]);
  });

  it("finds what is live while ids come and go, its freed cells dropped as it rehashes in place", () => {
    const slots = new IdSlots();
    // At most 800 ids live at once, 12,000 set in all: the table fills with freed cells and is
    // rehashed at 4,096 cells six times.
    for (let round = 0; round < 30; round += 1) {
      for (let id = round * 400 + 1; id <= (round + 1) * 400; id += 1) slots.set(id, id);
      if (round > 0) for (let id = (round - 1) * 400 + 1; id <= round * 400; id += 1) slots.delete(id);
    }
    expect(slots.size).toBe(400);
    const found = Array.from({ length: 12_000 }, (_, i) => slots.get(i + 1));
    expect(found).toEqual(Array.from({ length: 12_000 }, (_, i) => (i >= 11_600 ? i + 1 : undefined)));
  });

  it("agrees with a Map through any sequence of sets and deletes, of numbers and strings", () => {
    // Ids from a range wide enough that the table grows, and sequences long enough to rehash it.
    const id = fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.constantFrom("a", "b", "sub-1"));
    const step = fc.record({ id, slot: fc.option(fc.nat(), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6000 }), (steps) => {
        const slots = new IdSlots();
        const reference = new Map<number | string, number>();
        for (const { id, slot } of steps) {
          if (slot === undefined) expect(slots.delete(id)).toBe(reference.delete(id));
          else {
            slots.set(id, slot);
            reference.set(id, slot);
          }
        }
        expect(slots.size).toBe(reference.size);
        const ids = Array.from({ length: 3000 }, (_, i) => i + 1);
        expect(ids.map((n) => slots.get(n))).toEqual(ids.map((n) => reference.get(n)));
        for (const name of ["a", "b", "sub-1"]) expect(slots.get(name)).toBe(reference.get(name));
      }),
      { numRuns: 100 },
    );
  });
});
