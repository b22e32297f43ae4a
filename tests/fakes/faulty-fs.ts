/**
 * A store file system (src/store/store-fs.ts) over the real one that fails on demand: a full disk
 * (ENOSPC after some bytes of a file), a read-only one (EROFS when a file is opened), and short
 * writes (each write takes at most a few bytes). Faults name a store file; its temp file counts too.
 */
import { basename } from "node:path";
import { nodeFileSystem, type StoreFileSystem } from "../../src/store/store-fs.js";

export interface Fault {
  /** The store files, e.g. ["state.json"]. */
  files: string[];
  code: "ENOSPC" | "EROFS";
  /** ENOSPC: bytes of the file written before the disk is full. */
  afterBytes?: number;
}

const errno = (code: string, path: string) =>
  Object.assign(new Error(`${code}: simulated failure, write '${path}'`), { code });

export function faultyFileSystem(): StoreFileSystem & { fault?: Fault; maxBytesPerWrite: number; opened: string[] } {
  const fs = {
    fault: undefined as Fault | undefined,
    maxBytesPerWrite: Number.POSITIVE_INFINITY,
    opened: [] as string[],
    async open(path: string, flags: "w" | "a") {
      const name = basename(path).replace(/\.tmp$/, "");
      fs.opened.push(name);
      const fault = fs.fault?.files.includes(name) ? fs.fault : undefined;
      if (fault?.code === "EROFS") throw errno("EROFS", path);
      const handle = await nodeFileSystem.open(path, flags);
      let written = 0;
      return {
        async write(buffer: Uint8Array, offset: number, length: number) {
          let take = Math.min(length, fs.maxBytesPerWrite);
          const room = fault?.code === "ENOSPC" ? (fault.afterBytes ?? 0) - written : Number.POSITIVE_INFINITY;
          if (take > room) {
            if (room > 0) await handle.write(buffer, offset, room);
            written += Math.max(room, 0);
            throw errno("ENOSPC", path);
          }
          take = (await handle.write(buffer, offset, take)).bytesWritten;
          written += take;
          return { bytesWritten: take };
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
    rename: nodeFileSystem.rename,
    rm: nodeFileSystem.rm,
    syncDir: nodeFileSystem.syncDir,
  };
  return fs;
}
