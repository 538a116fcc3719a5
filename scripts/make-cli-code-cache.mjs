// Run by scripts/build-cli-bundle.ts under plain node: loads dist/cli/wattplan.cjs as bin/wattplan.cjs does, runs the
// CLI in-process on what start-up matters most for (--help, and `plan` on the bundled example when it is there),
// and saves the code cache, which then holds every function those runs compiled.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliBundlePath, codeCachePathOf, loadBundle, useCliV8Flags, writeCodeCache } from "../dist/cli/bundle.js";

const root = fileURLToPath(new URL("..", import.meta.url));
// Under the V8 flags bin/wattplan.cjs runs with (./src/cli/start.ts): V8 refuses a cache made under others.
useCliV8Flags();
const loaded = loadBundle(cliBundlePath, join(root, "no-code-cache"));
const quiet = { write: () => true };
const context = { stdout: quiet, stderr: quiet, env: {} };
const exampleSpec = join(root, "examples", "spec.yaml");
const runs = [["--help"], ["plan", "--help"], ...(existsSync(exampleSpec) ? [["plan", exampleSpec, "--json"]] : [])];
for (const argv of runs) {
  const code = await loaded.cli.runCli(argv, context);
  if (code !== 0) throw new Error(`wattplan ${argv.join(" ")} exited ${code} while making the code cache`);
}
const bytes = writeCodeCache(loaded, codeCachePathOf(cliBundlePath));
console.log(`dist/cli/wattplan.cjs: code cache of ${Math.round(bytes / 1024)} KiB made from ${runs.map((argv) => `\`${argv.join(" ")}\``).join(", ").replace(exampleSpec, "examples/spec.yaml")}`);
