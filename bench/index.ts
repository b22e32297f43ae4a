/**
 * `npm run bench [-- name …]`: runs the named benchmarks, or all of them, each printing one line
 * of figures beside its goals. Adding a benchmark is one file and one row in BENCHES.
 */
import { deliveryBench } from "./delivery.js";
import { storeBench } from "./store.js";

const BENCHES: Readonly<Record<string, () => Promise<void>>> = {
  store: storeBench,
  delivery: deliveryBench,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !Object.hasOwn(BENCHES, name));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})`);
  process.exit(1);
}
for (const name of asked.length > 0 ? asked : Object.keys(BENCHES)) await BENCHES[name]?.();
