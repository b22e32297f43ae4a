import { describe, expect, it } from "vitest";
import { EQUIVALENTS } from "../../../../src/core/query/equivalents.js";
import { analyse, collapsePhrases, foldCase, tokenize } from "../../../../src/core/query/tokenize.js";

describe("the tokenizer", () => {
  it.each([
    ["C++ developer", ["c++", "developer"]],
    ["Senior C# engineer", ["senior", "c#", "engineer"]],
    ["F# and OCaml", ["f#", "and", "ocaml"]],
    ["We use .NET 8", ["we", "use", ".net", "8"]],
    ["ASP.NET Core", ["asp.net", "core"]],
    ["Node.js backend", ["node.js", "backend"]],
    ["Next.js, Vue.js and React", ["next.js", "vue.js", "and", "react"]],
    ["Objective-C and Swift", ["objective-c", "and", "swift"]],
    ["CI/CD pipelines", ["ci/cd", "pipelines"]],
  ])("keeps the punctuation of technology names: %j", (text, words) => {
    expect(tokenize(text)).toEqual(words);
  });

  it.each([
    ["node.js/react", ["node.js", "react"]],
    ["c/c++", ["c", "c++"]],
    ["c++/c#", ["c++", "c#"]],
    ["c#/.net", ["c#", ".net"]],
    ["We ship Node.js.", ["we", "ship", "node.js"]],
    ["(C++17)", ["c++", "17"]],
  ])("finds known names inside longer punctuated runs: %j", (text, words) => {
    expect(tokenize(text)).toEqual(words);
  });

  it.each([
    ["JavaScript", ["javascript"]],
    ["e.g. this", ["e", "g", "this"]],
    ["TCP/IP and/or UDP", ["tcp", "ip", "and", "or", "udp"]],
    ["real-time", ["real", "time"]],
    ["a+ grade, rust#1", ["a", "grade", "rust", "1"]],
    ["...hello", ["hello"]],
    ["full_time", ["full", "time"]],
    ["don’t stop — go!", ["don", "t", "stop", "go"]],
  ])("splits everything else on what is not a letter or digit: %j", (text, words) => {
    expect(tokenize(text)).toEqual(words);
  });

  it.each([
    ["Golang", "go"],
    ["JS", "javascript"],
    ["TS", "typescript"],
    ["k8s", "kubernetes"],
    ["Postgres", "postgresql"],
    ["nodejs", "node.js"],
    ["node", "node.js"],
    ["front-end", "frontend"],
    ["Back-End", "backend"],
    ["full-stack", "fullstack"],
  ])("applies the table of equivalents: %s → %s", (text, canonical) => {
    expect(tokenize(text)).toEqual([canonical]);
  });

  it("folds case and accents, including decomposed accents, ligatures and wide letters", () => {
    expect(tokenize("Café Zürich NAÏVE ﬁne Ｒｕｓｔ")).toEqual(["cafe", "zurich", "naive", "fine", "rust"]);
    expect(tokenize("cafe\u0301")).toEqual(["cafe"]);
    expect(foldCase("Ångström")).toBe("angstrom");
  });

  it("joins a word a soft hyphen only marks where it may break", () => {
    expect(tokenize("Medizin\u00adtechnik devel\u00adoper")).toEqual(["medizintechnik", "developer"]);
  });

  it("keeps words of other scripts, and drops emoji", () => {
    expect(tokenize("מפתח Rust 🦀 مطور")).toEqual(["מפתח", "rust", "مطور"]);
    expect(tokenize("🦀👩‍💻")).toEqual([]);
  });

  it("reports each word's own spelling and the equivalent phrases a text contains", () => {
    const { terms, aliases } = analyse("Golang and machine learning, front end");
    expect(terms).toEqual(["go", "and", "machine", "learning", "front", "end"]);
    expect(aliases).toEqual(expect.arrayContaining(["golang", "ml", "frontend"]));
  });

  it("turns a query's equivalent phrase into its canonical word", () => {
    expect(collapsePhrases(tokenize("senior machine learning engineer"))).toEqual(["senior", "ml", "engineer"]);
    expect(collapsePhrases(tokenize("back end"))).toEqual(["backend"]);
  });

  it("maps every spelling in the table to the table's first word", () => {
    for (const [canonical = "", ...variants] of EQUIVALENTS) {
      for (const variant of variants) expect(collapsePhrases(tokenize(variant)), variant).toEqual([canonical]);
      expect(tokenize(canonical), canonical).toEqual([canonical]);
    }
  });

  it("takes time linear in the text, whatever it contains", () => {
    const nasty = `${"a.".repeat(20_000)}${"c++".repeat(5_000)}${"-".repeat(20_000)}`;
    expect(tokenize(nasty).length).toBeGreaterThan(20_000);
  });
});
