import { describe, expect, it } from "vitest";
import { fingerprint } from "../../../src/core/fingerprint.js";

describe("fingerprint across boards' ways of writing a title", () => {
  it.each([
    ["Senior Full-Stack Engineer, Machine ID (United Kingdom)", "Senior Full Stack Engineer Machine ID United Kingdom"],
    ["Sr. Backend Engineer", "Senior Back-End Engineer"],
    ["Fullstack Developer", "Full Stack Developer"],
    ["Frontend Engineer (Remote)", "Front-end Engineer"],
    ["Video Editor (m/w/d)", "Video Editor"],
    ["Softwareentwickler (w/m/d) - 100% Remote", "Softwareentwickler"],
    ["R&D Engineer", "R&amp;D Engineer".replace("&amp;", "&")],
    ["DevOps Engineer", "Dev Ops Engineer"],
  ])("%j and %j are one job", (a, b) => {
    expect(fingerprint("Teleport", a)).toBe(fingerprint("Teleport Inc.", b));
  });

  it.each([
    ["Senior Engineer", "Junior Engineer"],
    ["Backend Engineer", "Frontend Engineer"],
    ["Java Developer", "JavaScript Developer"],
  ])("%j and %j stay two jobs", (a, b) => {
    expect(fingerprint("Acme", a)).not.toBe(fingerprint("Acme", b));
  });

  it("keeps a title that is only the word Remote", () => {
    expect(fingerprint("Acme", "Remote")).toBe("acme|remote");
  });
});
