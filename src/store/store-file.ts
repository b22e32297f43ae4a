/**
 * The lowdb adapter for the store file: JSON text through a text adapter (lowdb's TextFile, which
 * writes a temp file and renames it), validated on the way in.
 *
 * lowdb's JSONFile is not used because it reads a file holding `null` as a missing file, and
 * lowdb would then overwrite it; here anything but a valid store is refused, and the file kept.
 */
import type { Adapter } from "lowdb";
import { describeError } from "../core/errors.js";
import type { z } from "zod";
import type { StoreData } from "./data.js";
import { storeDataSchema } from "./store-schema.js";

/** The store file exists but cannot be used. The message names the file and what is wrong. */
export class StoreLoadError extends Error {
  override readonly name = "StoreLoadError";
}

const SHOWN_ISSUES = 3;

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const where = issue.path.map(String).join(".");
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = issues.length > SHOWN_ISSUES ? ` (and ${issues.length - SHOWN_ISSUES} more problems)` : "";
  return `${shown.join("; ")}${more}`;
}

export function parseStoreFile(text: string, file: string): StoreData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoreLoadError(`${file} is not valid JSON (${describeError(error)}); fix or move it away`, {
      cause: error,
    });
  }
  const result = storeDataSchema.safeParse(json);
  if (!result.success) {
    throw new StoreLoadError(`${file} is not a Jobhound store: ${describeIssues(result.error.issues)}; fix or move it away`);
  }
  return result.data;
}

export function storeFileAdapter(text: Adapter<string>, file: string): Adapter<StoreData> {
  return {
    async read() {
      const content = await text.read();
      return content === null ? null : parseStoreFile(content, file);
    },
    // Compact: the whole file is rewritten on every change, so its size is what each write costs.
    write: (data) => text.write(JSON.stringify(data)),
  };
}
