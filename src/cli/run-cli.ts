// One run of the CLI over the given streams and environment, returning the exit code: 0 ok, 1 a problem with the
// user's input (one line, and a hint), 2 an internal error. main.ts wraps it for the real process; tests call it
// in-process.
import { CommanderError } from "commander";
import { isWattplanError } from "../errors.ts";
import { hintFor } from "./hints.ts";
import { commandOutput, type CliContext } from "./output.ts";
import { buildProgram } from "./program.ts";

/** `argv` holds the user's arguments only (no node, no script path). */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const output = commandOutput(context);
  try {
    await buildProgram(context).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message (or the help text / version).
      return error.exitCode === 0 ? 0 : 1;
    }
    if (isWattplanError(error)) {
      output.note(`wattplan: ${oneLine(error.message)}`);
      const hint = hintFor(error);
      if (hint) output.note(`  hint: ${oneLine(hint)}`);
      return 1;
    }
    output.note(`wattplan: internal error: ${oneLine(describe(error))}`);
    if (context.env.WATTPLAN_DEBUG && error instanceof Error) output.note(String(error.stack));
    else output.note("  hint: rerun with WATTPLAN_DEBUG=1 for a stack trace, and please report it");
    return 2;
  }
}

/** A message is one line whatever went into it (a server's text, a file name with a newline). */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return "an error that cannot be shown";
  }
}
