import { readFile } from "node:fs/promises";
import { WattplanError } from "../errors.ts";

/** Reads a user-named file, turning "not there" into a one-line error instead of an ENOENT stack. */
export async function readUserFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new WattplanError("FILE_NOT_FOUND", `${what} not found: ${path}`, "check the path");
    if (code === "EISDIR") throw new WattplanError("INVALID_INPUT", `${what} is a directory, not a file: ${path}`);
    if (code === "EACCES") throw new WattplanError("INVALID_INPUT", `${what} is not readable: ${path}`);
    throw error;
  }
}

export async function readUserText(path: string, what: string): Promise<string> {
  return (await readUserFile(path, what)).toString("utf8");
}
