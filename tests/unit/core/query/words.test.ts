import { describe, expect, it } from "vitest";
import { PackedWords, SetWords } from "../../../../src/core/query/words.js";

const WORDS = ["go", "golang", "go+", "c#", "c++", "kotlin", "kubernetes", "ml", "réseau", "rust", "rustacean", "z"];
const ASKED = [...WORDS, "", "a", "g", "gol", "golangs", "k", "kub", "rus", "rusty", "zz", "c", "ré", "réseaux", "~"];

describe("packed words", () => {
  it("answers every word and prefix as the set of the same words does", () => {
    for (const count of [0, 1, 2, 3, 5, WORDS.length]) {
      const words = WORDS.slice(0, count);
      const [packed, set] = [new PackedWords(words), new SetWords(new Set(words))];
      for (const asked of ASKED.filter(Boolean)) {
        expect(packed.has(asked), `${asked} in ${words.join()}`).toBe(set.has(asked));
        expect(packed.hasPrefix(asked), `${asked}* in ${words.join()}`).toBe(set.hasPrefix(asked));
        expect(packed.withPrefix(asked)).toEqual(set.withPrefix(asked));
      }
      expect([...packed].sort()).toEqual([...set].sort());
    }
  });
});
