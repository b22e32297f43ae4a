/** DATA_DIR must exist and be writable before anything else starts: say so at once if not. */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Creates the directory if needed; returns what is wrong in a few words, or undefined. */
export async function ensureWritableDir(dir: string): Promise<string | undefined> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.write-test-${process.pid}`);
    await writeFile(probe, "");
    await rm(probe);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    return `is not a writable directory: ${dir} (${code})`;
  }
}
