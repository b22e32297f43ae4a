/**
 * `npm run bench` runs every bench; `npm run bench -- matcher` runs one. A bench is one file and
 * one row below: a function that prints its figures and says whether its checks held.
 */
import { latestBench } from "./latest.js";
import { matcherBench } from "./matcher.js";

const BENCHES: Record<string, () => Promise<boolean>> = {
  matcher: matcherBench,
  latest: latestBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(", ")}; the benches are: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
let allHeld = true;
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  allHeld = (await (BENCHES[name] as () => Promise<boolean>)()) && allHeld;
}
process.exit(allHeld ? 0 : 1);
