// The wattplan executable: the only code that reads argv and sets the exit code. It is the entry of the CLI bundle
// (scripts/build-cli-bundle.ts), which ./start.ts loads for bin/wattplan.js.
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
