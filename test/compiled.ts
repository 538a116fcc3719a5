// The compiled JavaScript in dist/ is what ships (bin/wattplan.js, the package's exports, Pulumi.yaml's main). Tests
// that run it check first that it was built from the source they test: `npm test` builds it (tsc -b) before vitest.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../", import.meta.url));
const buildInfo = join(repositoryRoot, "dist", ".tsbuildinfo");

/** Throws, saying what to run, when dist/ is missing or older than a file under src/. */
export function assertBuilt(): void {
  if (!existsSync(buildInfo)) throw new Error("dist/ is not built: run npm run build (npm test does it first)");
  const builtMs = statSync(buildInfo).mtimeMs;
  const newer = newestSource(join(repositoryRoot, "src"));
  if (newer.mtimeMs > builtMs) throw new Error(`dist/ is older than ${newer.path}: run npm run build (npm test does it first)`);
}

function newestSource(directory: string): { path: string; mtimeMs: number } {
  let newest = { path: directory, mtimeMs: 0 };
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    const candidate = entry.isDirectory() ? newestSource(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}
