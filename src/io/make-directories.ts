// `mkdir -p` that always settles. Node's recursive mkdir loops forever where a folder cannot be created under a
// parent that exists (e.g. under /proc/self): this walks up once to the nearest existing folder and creates each
// missing level in turn, so every failure is one error about one path.
import { mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { WattplanError } from "../errors.ts";

/** The file-system calls used, so tests can stand in for a file system that refuses in odd ways. */
export interface DirectoryOperations {
  stat(path: string): Promise<{ isDirectory(): boolean }>;
  mkdir(path: string, mode?: number): Promise<unknown>;
}

const nodeOperations: DirectoryOperations = { stat, mkdir: (path, mode) => mkdir(path, { mode }) };

export interface MakeDirectoriesOptions {
  /** The mode of each folder created (0o700: the user's only); folders that exist keep theirs. */
  mode?: number;
  operations?: DirectoryOperations;
}

export async function makeDirectories(directory: string, { mode, operations = nodeOperations }: MakeDirectoriesOptions = {}): Promise<void> {
  const missing: string[] = [];
  let current = directory;
  for (;;) {
    const found = await statOrNull(current, operations);
    if (found) {
      if (!found.isDirectory()) throw cannotCreate(directory, `${current} is a file, not a folder`);
      break;
    }
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) {
    try {
      await operations.mkdir(path, mode);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another process made it in the meantime: that is what we wanted.
      if (code === "EEXIST" && (await statOrNull(path, operations))?.isDirectory()) continue;
      throw cannotCreate(directory, reasonFor(code));
    }
  }
}

async function statOrNull(path: string, operations: DirectoryOperations): Promise<{ isDirectory(): boolean } | null> {
  try {
    return await operations.stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    if (code === "ENOTDIR") throw cannotCreate(path, "a part of it is a file, not a folder");
    throw cannotCreate(path, reasonFor(code));
  }
}

export function reasonFor(code: string | undefined): string {
  switch (code) {
    case "ENOSPC":
      return "the disk is full";
    case "EDQUOT":
      return "the disk quota is used up";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOENT":
      return "files cannot be created there";
    case "ENOTDIR":
    case "EEXIST":
      return "a part of the path is a file, not a folder";
    case "EISDIR":
      return "it is a folder";
    case "ENAMETOOLONG":
      return "the name is too long";
    case "ELOOP":
      return "it is a loop of symbolic links";
    case "ENXIO":
      return "nothing is reading from it (a socket or a FIFO without a reader)";
    default:
      return code ? `the system refused (${code})` : "the system refused";
  }
}

function cannotCreate(directory: string, reason: string): WattplanError {
  return new WattplanError("INVALID_INPUT", `cannot create folder ${directory}: ${reason}`, "choose another output path");
}
