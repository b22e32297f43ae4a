import { describe, expect, it } from "vitest";
import {
  amount,
  dateMs,
  decodeEntities,
  displayText,
  epochMs,
  nameFromSlug,
  repairMojibake,
} from "../../../src/sources/field-values.js";
import { checkJobs, describeUnexpected, parseJson, PayloadError } from "../../../src/sources/payload.js";

describe("reading drifting values", () => {
  it.each([
    [1733260504, 1733260504000],
    [1733260504000, 1733260504000],
    ["1733260504", 1733260504000],
    [0, undefined],
    ["soon", undefined],
    [null, undefined],
  ])("epochMs(%j) is %j: seconds or milliseconds", (value, expected) => {
    expect(epochMs(value)).toBe(expected);
  });

  it.each([
    ["2024-12-07 04:10:26", Date.UTC(2024, 11, 7, 4, 10, 26)],
    ["2025-12-14T20:45:43", Date.UTC(2025, 11, 14, 20, 45, 43)],
    ["2026-02-23T15:17:26+00:00", Date.UTC(2026, 1, 23, 15, 17, 26)],
    ["2026-05-22T09:16:29-04:00", Date.UTC(2026, 4, 22, 13, 16, 29)],
    ["Wed, 28 Oct 2020 21:35:29 +0000", Date.UTC(2020, 9, 28, 21, 35, 29)],
    ["", undefined],
    ["yesterday", undefined],
  ])("dateMs(%j) reads a date without a zone as UTC", (value, expected) => {
    expect(dateMs(value)).toBe(expected);
  });

  it.each([
    [150000, 150000],
    ["150000", 150000],
    ["150,000", 150000],
    [0, undefined],
    ["", undefined],
    ["lots", undefined],
    [-5, undefined],
  ])("amount(%j) is %j", (value, expected) => {
    expect(amount(value)).toBe(expected);
  });

  it("decodes named and numeric entities once", () => {
    expect(decodeEntities("CI&amp;T &#8230; &#x2F; &rsquo; &amp;lt;p&amp;gt; &unknown;")).toBe(
      "CI&T … / ’ &lt;p&gt; &unknown;",
    );
  });

  it("repairs UTF-8 that was read as Latin-1, and leaves real Latin-1 text alone", () => {
    expect(repairMojibake("SÃ£o Paulo, FlorianÃ³polis, VÃ¤stra GÃ¶taland")).toBe(
      "São Paulo, Florianópolis, Västra Götaland",
    );
    expect(repairMojibake("Spacebackâ\u0080\u0099s platform")).toBe("Spaceback’s platform");
    expect(repairMojibake("Language specialistï¼\u0088ç¤¾å\u0086\u0085é\u0080\u009aè¨³")).toBe(
      "Language specialist（社内通訳",
    );
    expect(repairMojibake("Zürich, café, São Paulo, naïve")).toBe("Zürich, café, São Paulo, naïve");
  });

  it("makes a display line of a field: decoded, repaired, collapsed", () => {
    expect(displayText("  Senior&nbsp; Engineer\n SR&amp;ED ")).toBe("Senior Engineer SR&ED");
    expect(displayText(undefined)).toBe("");
  });

  it("names a company after its board slug when the payload does not", () => {
    expect(nameFromSlug("zoox")).toBe("Zoox");
    expect(nameFromSlug("mom-s-meals")).toBe("Mom S Meals");
    expect(nameFromSlug("Ashby")).toBe("Ashby");
  });
});

describe("recognising what is not the payload asked for", () => {
  it.each([
    ["", "empty response"],
    ["<!DOCTYPE html><html><head><title>Just a moment...</title>", "got a Cloudflare challenge page"],
    ["<html><body>Attention Required! | Cloudflare</body></html>", "got a Cloudflare challenge page"],
    ["<html><body><h1>502 Bad Gateway</h1></body></html>", "got an HTML page"],
    ['<?xml version="1.0"?><rss/>', "got an XML document"],
    ["Too Many Requests", "got plain text"],
    ["\u0000\u0001\u0002PK", "got binary data"],
  ])("describes %j as %j", (body, description) => {
    expect(describeUnexpected(body)).toBe(description);
  });

  it("parses JSON after a byte order mark, and says 'truncated' for a body cut short", () => {
    expect(parseJson('\uFEFF{"jobs":[]}')).toEqual({ jobs: [] });
    expect(() => parseJson('{"jobs":[{"id":1},{"id"')).toThrow(
      new PayloadError("truncated JSON (the response ended early)"),
    );
    expect(() => parseJson('{"jobs":[}')).toThrow(/^invalid JSON \(/);
  });

  it("fails a fetch whose items were all unreadable, and an empty list only where a board always has jobs", () => {
    expect(() => checkJobs({ jobs: [], skipped: 3 }, { emptyIsBroken: false })).toThrow(
      "none of the 3 items could be read (has the format changed?)",
    );
    expect(() => checkJobs({ jobs: [], skipped: 0 }, { emptyIsBroken: true })).toThrow(
      "the board listed no jobs at all",
    );
    expect(checkJobs({ jobs: [], skipped: 0 }, { emptyIsBroken: false })).toEqual({ jobs: [], skipped: 0 });
  });
});
