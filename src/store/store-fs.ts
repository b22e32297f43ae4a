/**
 * The few file-system calls the store makes, behind an interface: tests pass a file system that
 * fails (ENOSPC, EROFS) or writes short, without filling a real disk. `nodeFileSystem` is the real one.
 *
 * `atomicWrite` replaces a file so that no failure can lose it: every byte is written (a short write
 * is continued, not ignored), the temp file is fsynced before the rename and the folder after it,
 * and on any error the temp file is removed and the previous file is left as it was.
 */
import { open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";

export interface StoreFileHandle {
  /** May write fewer bytes than asked (a short write); the caller continues from there. */
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreFileSystem {
  /** "w" creates or truncates; "a" appends. */
  open(path: string, flags: "w" | "a"): Promise<StoreFileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string): Promise<void>;
  /** Makes a rename in this folder durable (fsync of the folder). */
  syncDir(dir: string): Promise<void>;
}

export const nodeFileSystem: StoreFileSystem = {
  open: (path, flags) => open(path, flags),
  rename,
  rm: (path) => rm(path, { force: true }),
  async syncDir(dir) {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

/** Writes all of `text`, continuing after short writes. */
export async function writeAll(file: StoreFileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
    // A write that makes no progress would loop for ever: treat it as the failure it is.
    if (bytesWritten <= 0) throw Object.assign(new Error(`no bytes written to the file`), { code: "EIO" });
    offset += bytesWritten;
  }
}

/**
 * Replaces `path` with the text of `chunks` (produced lazily, so a big file is never one string).
 * The temp file's name is fixed: only one write of a file may run at a time.
 */
export async function atomicWrite(fs: StoreFileSystem, path: string, chunks: Iterable<string>): Promise<void> {
  const temp = `${path}.tmp`;
  try {
    const file = await fs.open(temp, "w");
    try {
      for (const chunk of chunks) await writeAll(file, chunk);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp).catch(() => {});
    throw error;
  }
  // The file is replaced now: failing here must not report the write as failed (memory would be
  // rolled back behind what the file holds). A folder that cannot be fsynced only risks a power cut.
  await fs.syncDir(dirname(path)).catch(() => {});
}
