// Writing a user-named output so that a reader (or a crash) never sees half a file, and without ever replacing
// something that is not a regular file: a regular file is replaced by rename (keeping its mode), a symbolic link
// is written through to its target, and a device, FIFO or /dev/stdout is written in place, like a shell redirect.
import { randomBytes } from "node:crypto";
import { chmod, chown, lstat, open, readlink, rename, rm, stat, writeFile } from "node:fs/promises";
import type { Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { WattplanError } from "../errors.ts";
import { makeDirectories, reasonFor } from "./make-directories.ts";
import { removeStaleTemporaries, temporaryNameFor } from "./stale-temporaries.ts";

/** Symbolic links followed before giving up (the kernel's own limit is 40). */
const MOST_LINKS_FOLLOWED = 40;

type Target =
  | { kind: "missing"; path: string }
  | { kind: "regular"; path: string; stats: Stats }
  | { kind: "directory"; path: string }
  | { kind: "special"; path: string };

/**
 * Writes `contents` to `path`. Missing parent folders are created; every failure is a one-line user error naming
 * the path, and leaves whatever stood there untouched (a full disk mid-write costs the temporary file, not the
 * old contents).
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const target = await resolveTarget(path);
  if (target.kind === "directory") throw cannotWrite(path, "it is a folder");
  if (target.kind === "special") return writeInPlace(path, target.path, contents);
  const directory = dirname(target.path);
  await makeDirectories(directory);
  await removeStaleTemporaries(target.path);
  const temporaryPath = join(directory, temporaryNameFor(basename(target.path), randomBytes(6).toString("hex")));
  try {
    const handle = await open(temporaryPath, "wx", target.kind === "regular" ? target.stats.mode & 0o7777 : 0o666);
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (target.kind === "regular") await keepOwnershipAndMode(temporaryPath, target.stats);
    await rename(temporaryPath, target.path);
  } catch (error) {
    await rm(temporaryPath, { force: true }).catch(() => undefined);
    throw asUserError(error, path);
  }
}

/**
 * Fails early, before minutes of measuring, when `path` could not be written: its nearest existing ancestor
 * must be a folder, and the path itself must not be one.
 */
export async function assertWritablePath(path: string): Promise<void> {
  const target = await resolveTarget(path);
  if (target.kind === "directory") throw cannotWrite(path, "it is a folder");
  if (target.kind === "special" || target.kind === "regular") return;
  let ancestor = dirname(target.path);
  for (;;) {
    const found = await statOrNull(ancestor, path);
    if (found) {
      if (!found.isDirectory()) throw cannotWrite(path, `${ancestor} is a file, not a folder`);
      return;
    }
    const parent = dirname(ancestor);
    if (parent === ancestor) return;
    ancestor = parent;
  }
}

/** What stands at `path` once symbolic links are followed (a dangling link names the file to create). */
async function resolveTarget(path: string): Promise<Target> {
  let current = resolve(path);
  for (let links = 0; links <= MOST_LINKS_FOLLOWED; links++) {
    let stats: Stats;
    try {
      stats = await lstat(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return { kind: "missing", path: current };
      throw cannotWrite(path, reasonFor(code));
    }
    if (stats.isSymbolicLink()) {
      current = resolve(dirname(current), await readlink(current));
      continue;
    }
    if (stats.isDirectory()) return { kind: "directory", path: current };
    if (stats.isFile()) return { kind: "regular", path: current, stats };
    return { kind: "special", path: current };
  }
  throw cannotWrite(path, reasonFor("ELOOP"));
}

/** Devices, FIFOs and terminals cannot be renamed over: they are written like `>` in a shell does. */
async function writeInPlace(path: string, targetPath: string, contents: string | Uint8Array): Promise<void> {
  try {
    await writeFile(targetPath, contents);
  } catch (error) {
    throw asUserError(error, path);
  }
}

/** The replacement keeps the mode (a 0600 stack file stays 0600) and, where we may, the owner. */
async function keepOwnershipAndMode(temporaryPath: string, original: Stats): Promise<void> {
  await chmod(temporaryPath, original.mode & 0o7777);
  if (process.getuid?.() === 0 && (original.uid !== 0 || original.gid !== 0)) await chown(temporaryPath, original.uid, original.gid).catch(() => undefined);
}

async function statOrNull(path: string, named: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    if (code === "ENOTDIR") throw cannotWrite(named, "a part of it is a file, not a folder");
    throw cannotWrite(named, reasonFor(code));
  }
}

const userFixableCodes = new Set(["ENOENT", "EEXIST", "ENOTDIR", "EISDIR", "EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ENAMETOOLONG", "ELOOP", "ENXIO", "EFBIG"]);

function asUserError(error: unknown, path: string): unknown {
  if (error instanceof WattplanError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (!code || !userFixableCodes.has(code)) return error;
  return cannotWrite(path, code === "EFBIG" ? "the file is too large for this file system" : reasonFor(code));
}

function cannotWrite(path: string, reason: string): WattplanError {
  return new WattplanError("INVALID_INPUT", `cannot write ${path}: ${reason}`, "choose another output path");
}
