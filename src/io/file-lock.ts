// A lock beside a file that is read, changed and written back (a stack file two `emit`s may update at once), so the
// second waits for the first and builds on its result instead of overwriting it. The lock file holds the holder's
// pid and host: one left by a killed process (kill -9 runs no clean-up) is recognised and taken over.
import { hostname } from "node:os";
import { open, readFile, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { WattplanError } from "../errors.ts";
import { makeDirectories, reasonFor } from "./make-directories.ts";
import { isProcessRunning } from "./process-running.ts";

export interface FileLockOptions {
  /** How long to wait for another holder (default 30 s). */
  waitMs?: number;
  /** A lock older than this is abandoned whatever its pid says (pids are reused; default 10 min). */
  staleAfterMs?: number;
  pollMs?: number;
}

interface LockHolder {
  pid: number;
  host: string;
  createdAt: string;
}

export function lockPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.lock`);
}

/** Runs `work` while holding the lock of `path`; the lock is released however `work` ends. */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const lockPath = lockPathFor(path);
  await makeDirectories(dirname(lockPath));
  await acquire(lockPath, path, options);
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true }).catch(() => undefined);
  }
}

async function acquire(lockPath: string, path: string, options: FileLockOptions): Promise<void> {
  const waitMs = options.waitMs ?? 30_000;
  const pollMs = options.pollMs ?? 50;
  const deadline = Date.now() + waitMs;
  const holder: LockHolder = { pid: process.pid, host: hostname(), createdAt: new Date().toISOString() };
  for (;;) {
    try {
      const handle = await open(lockPath, "wx");
      try {
        await handle.writeFile(`${JSON.stringify(holder)}\n`);
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") throw new WattplanError("INVALID_INPUT", `cannot lock ${path}: ${reasonFor(code)}`, "choose another output path");
    }
    const current = await readHolder(lockPath);
    if (current === "gone") continue;
    if (await isAbandoned(lockPath, current, options.staleAfterMs ?? 10 * 60_000)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = current ? `process ${current.pid} on ${current.host} since ${current.createdAt}` : "another process";
      throw new WattplanError("REFUSED", `${path} is being written by ${who}; gave up after ${Math.round(waitMs / 1000)} s`, `try again when it is done (if no such process runs, delete ${lockPath})`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The holder, null when the lock file is unreadable (being written right now), "gone" when it vanished. */
async function readHolder(lockPath: string): Promise<LockHolder | null | "gone"> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" && typeof parsed.host === "string" ? { pid: parsed.pid, host: parsed.host, createdAt: String(parsed.createdAt) } : null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "gone" : null;
  }
}

async function isAbandoned(lockPath: string, holder: LockHolder | null, staleAfterMs: number): Promise<boolean> {
  let ageMs: number;
  try {
    ageMs = Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    return false;
  }
  if (ageMs > staleAfterMs) return true;
  // A holder on this host whose process is gone was killed before it could remove its lock.
  if (holder && holder.host === hostname() && !isProcessRunning(holder.pid)) return true;
  // A lock nobody finished writing within a few seconds was left by a crash between create and write.
  return holder === null && ageMs > 5_000;
}
