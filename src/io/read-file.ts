import { open } from "node:fs/promises";
import { WattplanError } from "../errors.ts";
import { formatBytes } from "../format/numbers.ts";
import { reasonFor } from "./make-directories.ts";

/** Text documents past this are refused before they are read: V8's strings end near 512 MiB anyway. */
export const MOST_TEXT_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Reads a user-named file, turning "not there" into a one-line error instead of an ENOENT stack. A file larger than
 * `mostBytes` is refused by its size, before a byte is read.
 */
export async function readUserFile(path: string, what: string, mostBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw openError(error, path, what);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new WattplanError("INVALID_INPUT", `${what} is a directory, not a file: ${path}`);
    if (stats.isFile() && stats.size > mostBytes) {
      throw new WattplanError("INVALID_INPUT", `${what} ${path} is ${formatBytes(stats.size)}, more than the ${formatBytes(mostBytes)} a ${what} may be`, "check that this is the file you meant");
    }
    return await handle.readFile();
  } catch (error) {
    if (error instanceof WattplanError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR") throw new WattplanError("INVALID_INPUT", `${what} is a directory, not a file: ${path}`);
    if (code === "ERR_FS_FILE_TOO_LARGE") throw new WattplanError("INVALID_INPUT", `${what} ${path} is larger than this Node.js can read at once (2 GiB)`, "check that this is the file you meant");
    throw error;
  } finally {
    await handle.close();
  }
}

export async function readUserText(path: string, what: string, mostBytes = MOST_TEXT_FILE_BYTES): Promise<string> {
  return (await readUserFile(path, what, mostBytes)).toString("utf8");
}

function openError(error: unknown, path: string, what: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new WattplanError("FILE_NOT_FOUND", `${what} not found: ${path}`, "check the path");
  if (code === "EISDIR") return new WattplanError("INVALID_INPUT", `${what} is a directory, not a file: ${path}`);
  if (code === "EACCES" || code === "EPERM") return new WattplanError("INVALID_INPUT", `${what} is not readable: ${path}`);
  if (code === "ENOTDIR" || code === "ELOOP" || code === "ENAMETOOLONG" || code === "ENXIO") return new WattplanError("INVALID_INPUT", `${what} cannot be read: ${path}: ${reasonFor(code)}`);
  return error;
}
