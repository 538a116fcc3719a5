// One run of the CLI over the given streams and environment, returning the exit code: 0 ok, 1 a problem with the
// user's input (one line, and a hint), 2 an internal error. main.ts wraps it for the real process; tests call it
// in-process.
import { CommanderError } from "commander";
import { isWattplanError } from "../errors.ts";
import { hintFor } from "./hints.ts";
import { commandOutput, type CliContext, type CommandOutput } from "./output.ts";
import { buildProgram } from "./program.ts";

/** `argv` holds the user's arguments only (no node, no script path). */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const output = commandOutput(context);
  // Commander's own error output is held back until it is known what it is: a usage error is printed as written,
  // but the whole help text it prints for a command group given no command becomes one line.
  let commanderErrorText = "";
  const program = buildProgram({ ...context, stderr: { write: (text: string) => (commanderErrorText += text) } }, context);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.help" && error.exitCode !== 0) {
        const path = /^Usage: (.+?) \[options\]/.exec(commanderErrorText)?.[1] ?? "wattplan";
        output.note(`wattplan: ${path === "wattplan" ? "no command given" : `${path} needs a command`}`);
        output.note(`  hint: see the commands with: ${path} --help`);
      } else {
        printCommanderError(output, commanderErrorText);
      }
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

/**
 * Commander's usage errors in our shape: "error: unknown option '--sort'", "(Did you mean --out?)" and "(add --help
 * for usage)" become "wattplan: unknown option '--sort' (did you mean --out?)" and one hint line.
 */
function printCommanderError(output: CommandOutput, text: string): void {
  const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
  const error = lines.find((line) => line.startsWith("error: "));
  if (!error) {
    for (const line of lines) output.note(line);
    return;
  }
  const didYouMean = lines.find((line) => /^\(Did you mean .*\)$/.test(line));
  output.note(`wattplan: ${oneLine(error.slice("error: ".length))}${didYouMean ? ` (d${didYouMean.slice(2)}` : ""}`);
  output.note("  hint: add --help for usage");
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
