import { describe, expect, it } from "vitest";
import { jobLevel, statedYears, titleLevel } from "../../../src/core/seniority.js";
import { LABELLED_TITLES } from "./seniority-titles.js";

describe("titleLevel", () => {
  it("agrees with the hand-labelled titles of the captured board payloads (388 of 393)", () => {
    const disagreements = LABELLED_TITLES.filter(([title, level]) => (titleLevel(title) ?? null) !== level);
    expect(LABELLED_TITLES.length).toBe(393);
    // The five it gets wrong: "Junior thru Sr." twice, "Developer (3) HTML…", "inter/graduate"
    // (a typo for intern) and "devs with a CEO mindset".
    expect(disagreements.map(([title]) => title.slice(0, 40))).toHaveLength(5);
  });

  it.each([
    ["Sr. Backend Engineer", "senior"],
    ["Snr Data Scientist", "senior"],
    ["Jr. Frontend Developer", "junior"],
    ["Staff Software Engineer", "staff"],
    ["Senior Staff Engineer", "staff"],
    ["Principal Engineer, Payments", "principal"],
    ["Lead Engineer II", "lead"],
    ["Head of Engineering", "manager"],
    ["Software Engineer II", "mid"],
    ["Engineer III, Platform", "senior"],
    ["Software Engineering Intern (Summer 2026)", "intern"],
    ["Engineering Manager, Growth", "manager"],
    ["Mid-level PHP developer", "mid"],
  ] as const)("%s is %s", (title, level) => {
    expect(titleLevel(title)).toBe(level);
  });

  it.each(["Staffing Coordinator", "Lead Generation Specialist", "Internal Tools Engineer", "Product Manager"])(
    "%s states no level",
    (title) => {
      expect(titleLevel(title)).toBeUndefined();
    },
  );
});

describe("statedYears and the level they give an untelling title", () => {
  it.each([
    ["You have 5+ years of experience with Go.", 5],
    ["3-5 years' professional experience required", 3],
    ["At least four years in backend development", 4],
    ["Minimum of 2 yrs building APIs", 2],
    ["2+ years of Rust, and 7+ years of experience overall", 7],
    ["Founded 12 years ago, we are a team of 40.", undefined],
    ["We have served customers for 30 years of experience", undefined],
  ] as const)("%s → %s", (text, years) => {
    expect(statedYears(text)).toBe(years);
  });

  it("takes the title's level first, and the description's years only when the title says nothing", () => {
    expect(jobLevel({ title: "Junior Engineer", description: "8+ years of experience" })).toBe("junior");
    expect(jobLevel({ title: "Backend Engineer", description: "6+ years of experience" })).toBe("senior");
    expect(jobLevel({ title: "Backend Engineer", description: "1+ years of experience" })).toBe("junior");
    expect(jobLevel({ title: "Backend Engineer", description: "3 years of experience" })).toBe("mid");
    expect(jobLevel({ title: "Backend Engineer", description: "Join us." })).toBeUndefined();
  });
});
