/**
 * `npm run bench` runs every bench; `npm run bench -- matcher` runs one. A bench is one file and
 * one row below: a function that prints its figures beside its goals, and returns false when a
 * check it makes (such as identical results) did not hold.
 */
import { deliveryBench } from "./delivery.js";
import { indexBench } from "./index-live.js";
import { latestBench } from "./latest.js";
import { matcherBench } from "./matcher.js";
import { storeBench } from "./store.js";

const BENCHES: Readonly<Record<string, () => Promise<boolean | void>>> = {
  matcher: matcherBench,
  latest: latestBench,
  store: storeBench,
  delivery: deliveryBench,
  index: indexBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !Object.hasOwn(BENCHES, name));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(", ")}; the benches are: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
let allHeld = true;
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  allHeld = (await (BENCHES[name] as () => Promise<boolean | void>)()) !== false && allHeld;
}
process.exit(allHeld ? 0 : 1);
