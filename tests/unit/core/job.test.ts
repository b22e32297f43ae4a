import { describe, expect, it } from "vitest";
import { canonicalUrl, fingerprint } from "../../../src/core/fingerprint.js";
import { normaliseJob } from "../../../src/core/job.js";
import { makeDraft } from "../../fakes/fake-source.js";

describe("normalising a job", () => {
  it("collapses whitespace, trims, and drops empty optional fields", () => {
    const job = normaliseJob(
      makeDraft({ title: "  Senior\u00a0 Rust   engineer ", company: " Acme\n", category: "  ", companyUrl: "" }),
    );
    expect(job.title).toBe("Senior Rust engineer");
    expect(job.company).toBe("Acme");
    expect(job).not.toHaveProperty("category");
    expect(job).not.toHaveProperty("companyUrl");
  });

  it("keeps paragraph breaks in descriptions but not runs of blank lines", () => {
    const job = normaliseJob(makeDraft({ description: "First  line\r\n\r\n\r\n\r\nSecond\tline " }));
    expect(job.description).toBe("First line\n\nSecond line");
  });

  it("removes duplicate tags regardless of case, keeping the first spelling", () => {
    expect(normaliseJob(makeDraft({ tags: ["Rust", "rust", " AWS ", "", "aws"] })).tags).toEqual(["Rust", "AWS"]);
  });

  it("names a missing location after the remote flag", () => {
    expect(normaliseJob(makeDraft({ location: "", remote: true })).location).toBe("Remote");
    expect(normaliseJob(makeDraft({ location: undefined, remote: false })).location).toBe("Not stated");
  });

  it.each([
    [{ title: "   " }, /no title/],
    [{ url: "javascript:alert(1)" }, /no http\(s\) URL/],
    [{ postedAt: Number.NaN }, /no valid date/],
  ])("refuses a job an alert could not show: %o", (fields, message) => {
    expect(() => normaliseJob(makeDraft(fields))).toThrow(message);
  });

  it("gives jobs without a company a fingerprint of their own page, so they never merge by title alone", () => {
    const a = normaliseJob(makeDraft({ company: "", title: "Engineer", url: "https://a.example/1" }));
    const b = normaliseJob(makeDraft({ company: "", title: "Engineer", url: "https://b.example/2" }));
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(a.company).toBe("Unknown company");
  });
});

describe("fingerprints", () => {
  it("ignore case, accents, punctuation and legal suffixes", () => {
    expect(fingerprint("Café Systems GmbH", "Senior Engineer (Rust)")).toBe(
      fingerprint("cafe systems", "senior engineer rust"),
    );
    expect(fingerprint("Acme, Inc.", "Engineer")).toBe(fingerprint("ACME", "engineer"));
  });

  it("keep technology punctuation that changes meaning", () => {
    expect(fingerprint("Acme", "C++ developer")).not.toBe(fingerprint("Acme", "C developer"));
  });

  it("differ for different companies with the same title", () => {
    expect(fingerprint("Acme", "Engineer")).not.toBe(fingerprint("Globex", "Engineer"));
  });

  it("canonical URLs ignore www, trailing slashes, fragments and tracking parameters", () => {
    expect(canonicalUrl("https://www.Example.com/jobs/1/?utm_source=x&ref=y#apply")).toBe(
      canonicalUrl("http://example.com/jobs/1"),
    );
    expect(canonicalUrl("https://example.com/jobs?id=1")).not.toBe(canonicalUrl("https://example.com/jobs?id=2"));
  });
});
