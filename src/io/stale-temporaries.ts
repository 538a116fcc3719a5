// The hidden `.NAME.<pid>-<hex>.tmp` files an atomic write leaves when its process is killed between writing and
// renaming. The next write to the same target removes the ones whose writer is gone.
import { readdir, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isProcessRunning } from "./process-running.ts";

/** A temporary file this old is abandoned whoever wrote it (its pid may have been reused, or be another host's). */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
/** Temporaries named before the pid was part of the name: no write takes this long. */
const UNNAMED_WRITER_ABANDONED_AFTER_MS = 10 * 60 * 1000;

export function temporaryNameFor(targetName: string, randomHex: string): string {
  return `.${targetName}.${process.pid}-${randomHex}.tmp`;
}

/** Removes abandoned temporaries of `targetPath`; never fails the write it precedes. */
export async function removeStaleTemporaries(targetPath: string, now = Date.now()): Promise<void> {
  const directory = dirname(targetPath);
  const prefix = `.${basename(targetPath)}.`;
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.startsWith(prefix) && name.endsWith(".tmp"));
  } catch {
    return;
  }
  for (const name of names) {
    const writer = writerOf(name.slice(prefix.length, -".tmp".length));
    if (writer === undefined) continue;
    const path = join(directory, name);
    try {
      const ageMs = now - (await stat(path)).mtimeMs;
      const abandoned = writer === null ? ageMs > UNNAMED_WRITER_ABANDONED_AFTER_MS : ageMs > ABANDONED_AFTER_MS || !isProcessRunning(writer);
      if (abandoned) await rm(path, { force: true });
    } catch {
      // Gone already, or not ours to remove: either way the write goes on.
    }
  }
}

/** The writer's pid, null for the older `<hex>` form, undefined for a name that is not one of our temporaries. */
function writerOf(suffix: string): number | null | undefined {
  const withPid = /^(\d+)-[0-9a-f]{12}$/.exec(suffix);
  if (withPid) return Number(withPid[1]);
  return /^[0-9a-f]{12}$/.test(suffix) ? null : undefined;
}
