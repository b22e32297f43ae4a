import { describe, expect, it } from "vitest";
import { placeNamed, placesOf, WORLDWIDE } from "../../../src/core/location.js";
import { tokenize } from "../../../src/core/query/tokenize.js";
import { fixture } from "../../fixtures.js";

const json = (name: string) => JSON.parse(fixture(name).replace(/^\uFEFF/, ""));
const regions = (name: string) => [...fixture(name).matchAll(/<region>(.*?)<\/region>/g)].map((m) => m[1] as string);

/** Every location text the captured boards use, so each row below is one a board really sent. */
const REAL_LOCATIONS = new Set<string>([
  ...regions("wwr-programming-2020.rss"),
  ...regions("wwr-remote-jobs-2026.rss"),
  ...json("remotive-api-2025.json").jobs.map(
    (job: { candidate_required_location: string }) => job.candidate_required_location,
  ),
  ...json("remoteok-api-2024.json")
    .slice(1)
    .map((job: { location: string }) => job.location),
  ...json("jobicy-api-2024.json").jobs.map((job: { jobGeo: string }) => job.jobGeo),
]);

describe("where a job can be done, from the location boards give", () => {
  it.each<[string, boolean, boolean]>([
    // location as the board wrote it, location:europe, location:usa
    ["Anywhere in the World", true, true],
    ["Anywhere (100% Remote) Only", true, true],
    ["Worldwide", true, true],
    ["Anywhere", true, true],
    ["Europe Only", true, false],
    ["Remote EMEA", true, false],
    ["Europe, UK, Germany, European timezones", true, false],
    ["CET +/- 3 HOURS", true, false],
    ["Lithuania - Remote", true, false],
    ["Poland,  Portugal,  Romania,  Spain", true, false],
    ["London, England, United Kingdom", true, false],
    ["USA", false, true],
    ["US", false, true],
    ["United States", false, true],
    ["Remote - US/Canada", false, true],
    ["USA, Canada, USA timezones", false, true],
    ["North America Only", false, true],
    ["Philadelphia, Pennsylvania, United States", false, true],
    ["LATAM,  Canada,  Europe,  UK,  USA", true, true],
    ["LATAM", false, false],
    ["Bengaluru, Karnataka, India", false, false],
    ["Remote", false, false],
    ["", false, false],
  ])("%j: in europe %s, in the usa %s", (location, europe, usa) => {
    expect(REAL_LOCATIONS).toContain(location);
    expect(placesOf(location).has("europe")).toBe(europe);
    expect(placesOf(location).has("usa")).toBe(usa);
  });

  it.each([
    ["USA Only", "usa"],
    ["EMEA", "emea"],
    ["Anywhere in the US", "usa"],
  ])("reads locations boards write in other words: %j", (location, place) => {
    expect(placesOf(location).has(place)).toBe(true);
  });

  it("counts a place within a region, and a region over its places, but not neighbours", () => {
    expect(placesOf("Germany").has("europe")).toBe(true);
    expect(placesOf("Europe").has("germany")).toBe(true);
    expect(placesOf("Germany").has("france")).toBe(false);
    expect(placesOf("Latin America").has("north-america")).toBe(false);
    expect(placesOf("Mexico").has("latam")).toBe(true);
  });

  it("calls a job worldwide only when it names no narrower place", () => {
    expect(placesOf("Anywhere in the World").has(WORLDWIDE)).toBe(true);
    expect(placesOf("Anywhere in the US").has(WORLDWIDE)).toBe(false);
    expect(placesOf("Europe Only").has(WORLDWIDE)).toBe(false);
  });

  it.each([
    ["us", "usa"],
    ["u.s.", "usa"],
    ["united states", "usa"],
    ["eu", "europe"],
    ["emea", "emea"],
    ["north america", "north-america"],
    ["anywhere", WORLDWIDE],
    ["berlin", undefined],
  ])("knows the place a query names: %j → %s", (name, place) => {
    expect(placeNamed(tokenize(name))).toBe(place);
  });
});
