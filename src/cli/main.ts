// The wattplan executable: the only code that reads argv and sets the exit code. It is the entry of the CLI bundle
// (scripts/build-cli-bundle.ts), which ./start.ts loads for bin/wattplan.cjs; started directly (`tsx src/cli/main.ts`,
// `node dist/cli/main.js`) it runs the same way, from the sources or the compiled files.
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { runCli } from "./run-cli.ts";

export { runCli };

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // `wattplan ... --json | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}

/** Whether this file is the program node was started with (never inside the bundle, whose URL is the bundle's). */
function startedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (startedDirectly()) void main();
