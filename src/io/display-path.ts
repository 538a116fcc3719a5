// Paths as a person reads them in a message: relative to the working directory when the file is inside it.
import { relative } from "node:path";

export function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere && !fromHere.startsWith("..") ? fromHere : path;
}
