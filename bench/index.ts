/**
 * `npm run bench` runs every bench; `npm run bench -- matcher` runs one. A bench is one file and
 * one row below: a function that prints its figures beside its goals, and returns false when a
 * check it makes (such as identical results) did not hold. Options after the names (`--x value`)
 * go to the benches: `npm run bench -- scale --subscriptions 100000`.
 */
import { deliveryBench } from "./delivery.js";
import { hostileBench } from "./hostile.js";
import { indexBench } from "./index-live.js";
import { latestBench } from "./latest.js";
import { matcherBench } from "./matcher.js";
import { scaleBench } from "./scale.js";
import { storeBench } from "./store.js";

const BENCHES: Readonly<Record<string, (options: readonly string[]) => Promise<boolean | void>>> = {
  matcher: matcherBench,
  latest: latestBench,
  store: storeBench,
  delivery: deliveryBench,
  scale: scaleBench,
  index: indexBench,
  hostile: hostileBench,
};

const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith("--"));
const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const unknown = wanted.filter((name) => !Object.hasOwn(BENCHES, name));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(", ")}; the benches are: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
let allHeld = true;
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  const bench = BENCHES[name] as (options: readonly string[]) => Promise<boolean | void>;
  allHeld = (await bench(options)) !== false && allHeld;
}
process.exit(allHeld ? 0 : 1);
