/**
 * The places `location:` understands: regions and the countries job boards name most, each with
 * the names people and boards write for it and the regions it lies in. One table, easy to extend:
 * a new country needs one row. Names are written as a board would (location.ts tokenizes them).
 */

export interface PlaceRow {
  key: string;
  names: readonly string[];
  /** The regions this place lies in (their own regions follow from their rows). */
  within: readonly string[];
}

/** Words that say a job is open everywhere, when the location names no place. */
export const WORLDWIDE_NAMES: readonly string[] = [
  "worldwide",
  "anywhere",
  "world",
  "global",
  "globally",
  "international",
];

export const PLACES: readonly PlaceRow[] = [
  // Regions
  { key: "emea", names: ["emea"], within: [] },
  { key: "europe", names: ["europe", "european", "eu", "european union", "cet", "cest", "eet"], within: ["emea"] },
  { key: "middle-east", names: ["middle east", "mena"], within: ["emea"] },
  { key: "africa", names: ["africa", "african"], within: ["emea"] },
  { key: "americas", names: ["americas"], within: [] },
  { key: "north-america", names: ["north america", "northern america"], within: ["americas"] },
  { key: "latam", names: ["latam", "latin america", "south america", "central america"], within: ["americas"] },
  { key: "apac", names: ["apac", "asia pacific"], within: [] },
  { key: "asia", names: ["asia", "asian"], within: ["apac"] },
  { key: "oceania", names: ["oceania", "australasia", "anz"], within: ["apac"] },
  // North America
  {
    key: "usa",
    names: ["usa", "us", "u.s.", "u.s.a.", "united states", "united states of america"],
    within: ["north-america"],
  },
  { key: "canada", names: ["canada"], within: ["north-america"] },
  { key: "mexico", names: ["mexico"], within: ["north-america", "latam"] },
  // Latin America
  ...countries("latam", [
    ["brazil", "brasil"],
    ["argentina"],
    ["colombia"],
    ["chile"],
    ["peru"],
    ["uruguay"],
    ["costa rica"],
    ["ecuador"],
    ["venezuela"],
    ["guatemala"],
  ]),
  // Europe
  {
    key: "uk",
    names: ["uk", "united kingdom", "great britain", "britain", "england", "scotland", "wales", "northern ireland"],
    within: ["europe"],
  },
  { key: "turkey", names: ["turkey", "turkiye"], within: ["europe", "middle-east"] },
  ...countries("europe", [
    ["ireland"],
    ["germany", "deutschland"],
    ["france"],
    ["spain"],
    ["portugal"],
    ["italy"],
    ["netherlands", "holland"],
    ["belgium"],
    ["luxembourg"],
    ["switzerland"],
    ["austria"],
    ["poland"],
    ["czechia", "czech republic"],
    ["slovakia"],
    ["hungary"],
    ["romania"],
    ["bulgaria"],
    ["greece"],
    ["croatia"],
    ["serbia"],
    ["slovenia"],
    ["sweden"],
    ["norway"],
    ["denmark"],
    ["finland"],
    ["iceland"],
    ["estonia"],
    ["latvia"],
    ["lithuania"],
    ["ukraine"],
    ["cyprus"],
    ["malta"],
  ]),
  // Middle East and Africa
  ...countries("middle-east", [["israel"], ["uae", "united arab emirates", "dubai"], ["saudi arabia"], ["qatar"]]),
  ...countries("africa", [["egypt"], ["morocco"], ["nigeria"], ["kenya"], ["ghana"], ["south africa"]]),
  // Asia and Oceania
  ...countries("asia", [
    ["india"],
    ["pakistan"],
    ["bangladesh"],
    ["sri lanka"],
    ["philippines"],
    ["indonesia"],
    ["vietnam", "viet nam"],
    ["thailand"],
    ["malaysia"],
    ["singapore"],
    ["japan"],
    ["south korea", "korea"],
    ["china"],
    ["hong kong"],
    ["taiwan"],
  ]),
  ...countries("oceania", [["australia"], ["new zealand"]]),
];

/** Rows for countries of one region, keyed by their first name ("costa rica" → "costa-rica"). */
function countries(region: string, names: readonly (readonly string[])[]): PlaceRow[] {
  return names.map((spellings) => ({
    key: (spellings[0] ?? "").replace(/ /g, "-"),
    names: spellings,
    within: [region],
  }));
}
