import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { WattplanError } from "../errors.ts";

/**
 * Writes next to the target and renames over it, so a reader (or a crash) never sees half a file.
 * Missing parent folders are created; a path that cannot hold a file is the user's to fix, not a crash.
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const directory = dirname(path);
  const temporaryPath = join(directory, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await mkdir(directory, { recursive: true });
    await writeFile(temporaryPath, contents);
    await rename(temporaryPath, path);
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
  const existing = await statOrNull(path);
  if (existing?.isDirectory()) throw new WattplanError("INVALID_INPUT", `cannot write ${path}: it is a folder`, "give a file name, e.g. out/profile.json");
  let ancestor = dirname(path);
  for (;;) {
    const found = await statOrNull(ancestor);
    if (found) {
      if (!found.isDirectory()) throw new WattplanError("INVALID_INPUT", `cannot write ${path}: ${ancestor} is a file, not a folder`, "choose another output path");
      return;
    }
    const parent = dirname(ancestor);
    if (parent === ancestor) return;
    ancestor = parent;
  }
}

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    if (code === "ENOTDIR") throw new WattplanError("INVALID_INPUT", `cannot write ${path}: a part of it is a file, not a folder`, "choose another output path");
    throw error;
  }
}

const userFixableCodes = new Set(["ENOENT", "EEXIST", "ENOTDIR", "EISDIR", "EACCES", "EPERM", "EROFS", "ENOSPC"]);

function asUserError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code || !userFixableCodes.has(code)) return error;
  const reason =
    code === "ENOSPC" ? "the disk is full"
    : code === "EACCES" || code === "EPERM" || code === "EROFS" ? "permission denied"
    : code === "ENOENT" ? "files cannot be created there"
    : "a part of the path is a file, not a folder";
  return new WattplanError("INVALID_INPUT", `cannot write ${path}: ${reason}`, "choose another output path");
}
