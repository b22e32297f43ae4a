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
    for (let id = 1; id <= 100_000; id += 1) expect(slots.get(id)).toBe((id - 1) % 3 === 0 ? undefined : id * 2);
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

  it("agrees with a Map through any sequence of sets and deletes, of numbers and strings", () => {
    const id = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.constantFrom("a", "b", "sub-1"));
    const step = fc.record({ id, slot: fc.option(fc.nat(), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 3000 }), (steps) => {
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
        for (let n = 1; n <= 300; n += 1) expect(slots.get(n)).toBe(reference.get(n));
        for (const name of ["a", "b", "sub-1"]) expect(slots.get(name)).toBe(reference.get(name));
      }),
      { numRuns: 200 },
    );
  });
});
