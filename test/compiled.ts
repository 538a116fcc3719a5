// The compiled JavaScript in dist/ is what ships (the package's exports, Pulumi.yaml's main, and the CLI bundle
// dist/cli/wattplan.cjs that bin/wattplan.cjs runs). Tests that run it check first that it was built from the source
// they test: `npm test` builds both (tsc -b, then scripts/build-cli-bundle.ts) before vitest.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../", import.meta.url));
const buildInfo = join(repositoryRoot, "dist", ".tsbuildinfo");
const cliBundle = join(repositoryRoot, "dist", "cli", "wattplan.cjs");
const cliStart = join(repositoryRoot, "dist", "cli", "start.cjs");

/** Throws, saying what to run, when dist/ or the CLI bundle is missing or older than a file under src/. */
export function assertBuilt(): void {
  const newer = newestSource(join(repositoryRoot, "src"));
  for (const built of [buildInfo, cliBundle, cliStart]) {
    if (!existsSync(built)) throw new Error(`${built} is not built: run npm run build (npm test does it first)`);
    if (newer.mtimeMs > statSync(built).mtimeMs) throw new Error(`${built} is older than ${newer.path}: run npm run build (npm test does it first)`);
  }
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
