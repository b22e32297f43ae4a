import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * V8's collector, which a test process does not expose by default: turned on from here (tests
 * that a thing can be collected need a collection they can ask for).
 */
export function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}
