import { CommanderError } from "commander";
import { isWattplanError } from "../errors.ts";
import { hintFor } from "./hints.ts";
import { buildProgram } from "./program.ts";

/** The only place that reads argv and decides the exit code: 0 ok, 1 user error, 2 internal error. */
async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message (or the help text / version).
      return error.exitCode === 0 ? 0 : 1;
    }
    if (isWattplanError(error)) {
      process.stderr.write(`wattplan: ${error.message}\n`);
      const hint = hintFor(error);
      if (hint) process.stderr.write(`  hint: ${hint}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`wattplan: internal error: ${message}\n`);
    if (process.env.WATTPLAN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write("  hint: rerun with WATTPLAN_DEBUG=1 for a stack trace, and please report it\n");
    return 2;
  }
}

// `wattplan ... --json | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv);
