/**
 * Real captured board payloads, copied from ../shared/fixtures/sources/ (see the README there for
 * each file's origin) so the repository's tests run wherever it is cloned.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURES_DIR = fileURLToPath(new URL("./fixtures/sources/", import.meta.url));

export function fixture(name: string): string {
  return readFileSync(`${FIXTURES_DIR}${name}`, "utf8");
}
