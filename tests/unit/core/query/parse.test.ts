import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isUserError } from "../../../../src/core/errors.js";
import { jobDocument } from "../../../../src/core/query/match.js";
import { matchQuery } from "../../../fakes/match-query.js";
import { describeQuery, MAX_QUERY_LENGTH, parseQuery } from "../../../../src/core/query/parse.js";
import { QueryError } from "../../../../src/core/query/query-error.js";
import { makeJob } from "../../../fakes/builders.js";

function refusal(query: string): QueryError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(query)} was accepted`);
}

describe("refusing bad input with what is wrong, where, and what to write", () => {
  it.each<[string, string, number, RegExp]>([
    ["empty", "", 1, /Nothing to look for.*rust remote/],
    ["only spaces", "   ", 1, /Nothing to look for/],
    ["only exclusions", "-php -java", 1, /only exclusions.*backend -php/],
    ["unclosed quote", 'rust "machine learning', 6, /Unclosed quote.*Close it/],
    ["unclosed typographic quote", "rust “machine learning", 6, /Unclosed quote/],
    ["a lone -", "rust -", 6, /lone "-".*right before a word/],
    ["a lone - in the middle", "rust - go", 6, /lone "-"/],
    ["title: with no value", "rust title:", 6, /"title:" with no value.*title:senior/],
    ["title: followed by a space", "title: senior", 1, /"title:" with no value/],
    ["unknown field", "rust foo:bar", 6, /Unknown field "foo:".*title:, company:.*"foo:bar"/],
    ["salary: instead of salary>=", "salary:100k", 1, /salary>=120k/],
    ["* alone", "rust *", 6, /fewer than 2 letters before the \*/],
    ["* after one letter", "r*", 1, /fewer than 2 letters/],
    ["* inside a word", "ru*st", 3, /A \* inside a word/],
    ["* after two words", "node.j*", 1, /more than one word/],
    ["salary>=abc", "salary>=abc", 1, /"abc" is not an amount.*salary>=120k/],
    ["salary>= with no amount", "rust salary>=", 6, /no amount/],
    ["salary<=", "salary<=100k", 1, /"salary<=" is not supported/],
    ["salary>= a tiny amount", "salary>=120", 1, /asks for 120 a year.*salary>=120k/],
    ["salary>= millions", "salary>=1.5m", 1, /not an amount/],
    ["a spaced comparison", "salary >= 120k", 8, /compares nothing.*without spaces/],
    ["10 KB of text", "rust ".repeat(2048), 201, /10239 characters; the limit is 200.*Keep the words/],
    ["too many terms", Array.from({ length: 21 }, (_, i) => `w${i}`).join(" "), 71, /21 terms; the limit is 20/],
    ["too many alternatives", `rust ${Array.from({ length: 20 }, (_, i) => `w${i}`).join("|")}`, 6, /21 terms/],
    ["a control character", "rust\u0007 go", 5, /Invisible character U\+0007/],
    ["an escape sequence", "\u001b[31mrust", 1, /Invisible character U\+001B/],
    ["a right-to-left override", "rust \u202Egnp", 6, /Invisible character U\+202E/],
    ["a zero-width space", "ru\u200bst", 3, /Invisible character U\+200B/],
    ["a zero-width non-joiner", "ru\u200cst", 3, /Invisible character U\+200C/],
    ["a zero-width joiner between letters", "go\u200dlang", 3, /Invisible character U\+200D/],
    ["a zero-width joiner after a letter, before an emoji", "go\u200d🦀", 3, /Invisible character U\+200D/],
    ["a zero-width joiner after an emoji, before a letter", "🦀\u200dgo", 2, /Invisible character U\+200D/],
    ["a word joiner", "ru\u2060st", 3, /Invisible character U\+2060/],
    ["a byte order mark", "\ufeffrust", 1, /Invisible character U\+FEFF/],
    ["a soft hyphen", "ru\u00adst", 3, /Invisible character U\+00AD/],
    ["an invisible times", "a\u2062b", 2, /Invisible character U\+2062/],
    ["an emoji", "rust 🦀", 6, /"🦀" has no letters or digits.*matched on words/],
    ["an emoji sequence", "👩‍💻", 1, /no letters or digits/],
    ["an emoji sequence with a skin tone", "rust 👩🏽‍💻", 6, /no letters or digits/],
    ["punctuation", "rust !!!", 6, /"!!!" has no letters or digits/],
    ["empty quotes", 'rust ""', 6, /quotes contain no letters/],
    ["text after a quote", '"machine learning"s', 19, /right after a closing quote/],
    ["a quote inside a word", 'ab"c d"', 3, /quote inside a word/],
    ["OR at the start", "OR rust", 1, /no term before it/],
    ["OR at the end", "rust |", 6, /no term after it/],
    ["two ORs", "rust || go", 7, /no term before it/],
    ["an excluded alternative", "rust|-go", 6, /cannot be excluded on its own/],
    ["wanted and excluded", "rust -rust", 6, /both wanted and excluded/],
    ["a prefix after a dot no word has", "rust .ne*", 6, /starts with a dot.*like ne\*/],
  ])("%s", (_, query, position, message) => {
    const error = refusal(query);
    expect(isUserError(error)).toBe(true);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`(position ${position})`);
  });

  it("counts positions in characters as people see them, so an emoji counts once", () => {
    expect(refusal('🦀 rust "open').position).toBe(8);
  });

  it("accepts words in right-to-left scripts as words", () => {
    const query = parseQuery("مطور -php");
    expect(matchQuery(query, jobDocument(makeJob({ description: "مطور ويب" })))).toEqual(["مطور"]);
  });

  it("counts the length limit in characters, so 201 emoji are over it and 200 with a word are not", () => {
    expect(refusal("🦀".repeat(MAX_QUERY_LENGTH + 1)).message).toMatch(
      /has 201 characters; the limit is 200 \(position 201\)/,
    );
    expect(() => parseQuery(`rust ${"🦀".repeat(MAX_QUERY_LENGTH - 5)}`)).not.toThrow(/limit/);
  });

  it("accepts exactly the limits", () => {
    expect(() => parseQuery(`${"a".repeat(MAX_QUERY_LENGTH)}`)).not.toThrow();
    expect(() => parseQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(" "))).not.toThrow();
  });
});

describe("safety", () => {
  afterEach(() => vi.restoreAllMocks());

  it("never throws anything but a UserError, whatever is typed", () => {
    const alphabet = fc.constantFrom(
      ...'ab rust-|"“*:>=€$1k.+#/()\u0000\u202e🦀ت'.split(""),
      "title:",
      "salary>=",
      " OR ",
      "-",
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join("")),
        (text) => {
          try {
            const query = parseQuery(text);
            expect(typeof describeQuery(query)).toBe("string");
          } catch (error) {
            expect(isUserError(error)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never builds a regular expression from what is typed or what a job says", () => {
    const constructed = vi.spyOn(globalThis, "RegExp");
    const hostile = "(a+)+$ [ \\ title:(.*)* ru* salary>=$120k location:eu";
    const job = makeJob({ title: hostile, description: `${"a".repeat(5000)}!`, location: "(.*)" });
    for (const text of [hostile, "(a+)+$", "title:[a-z]+*", 'location:"(x|y)"']) {
      try {
        matchQuery(parseQuery(text), jobDocument(job));
      } catch (error) {
        expect(isUserError(error)).toBe(true);
      }
    }
    expect(constructed).not.toHaveBeenCalled();
  });
});

describe("describing a query back in words", () => {
  it.each([
    ["rust remote -php", "jobs mentioning rust and remote, not php"],
    ['"machine learning" python', 'jobs mentioning "machine learning" and python'],
    ["rust|go backend", "jobs mentioning (rust or go) and backend"],
    ["rust OR golang", "jobs mentioning rust or golang"],
    ["devop*", "jobs mentioning words starting with devop"],
    ["title:senior location:europe", "jobs with senior in the title, located in europe or open worldwide"],
    [
      "company:acme tag:rust source:remoteok type:contract",
      "jobs with acme in the company name, with rust in the tags, with remoteok in the source, with contract in the job type",
    ],
    ["rust salary>=120k", "jobs mentioning rust, paying at least $120,000 a year"],
    ["rust salary>=€90k", "jobs mentioning rust, paying at least €90,000 a year"],
    ["rust location:anywhere", "jobs mentioning rust, open worldwide"],
    ["rust -title:intern -php|java", "jobs mentioning rust, not intern in the title or php or java"],
  ])("%s → %s", (query, words) => {
    expect(describeQuery(parseQuery(query))).toBe(words);
  });
});

describe("terms parsed before", () => {
  it("give every query the same frozen atom for the same term", () => {
    const [first, second] = [parseQuery('rust "machine learning"'), parseQuery('"machine learning" -rust')];
    expect(second.exclude[0]?.atoms[0]).toBe(first.include[0]?.atoms[0]);
    expect(second.include[0]?.atoms[0]).toBe(first.include[1]?.atoms[0]);
    expect(Object.isFrozen(first.include[1]?.atoms[0])).toBe(true);
  });

  it("still place each refusal where the bad term stands in that query", () => {
    expect(refusal("salary:100k").position).toBe(1);
    expect(refusal("rust salary:100k").position).toBe(6);
  });
});

describe("separating terms", () => {
  it("splits on every kind of white space, not only the ASCII space", () => {
    const spaced = parseQuery("rust remote senior");
    for (const space of ["\t", "\n", "\u00a0", "\u2003", "\u3000"])
      expect(parseQuery(`rust${space}remote${space}senior`)).toEqual(spaced);
  });

  it("reads OR in any case, as a word of its own, and not inside a longer one", () => {
    expect(parseQuery("rust oR go").include).toHaveLength(1);
    expect(parseQuery("rust order").include).toHaveLength(2);
  });
});
