import { Command } from "commander";
import { WATTPLAN_VERSION } from "../version.ts";
import { registerCommands } from "./commands/index.ts";
import type { CliContext } from "./output.ts";

const processContext: CliContext = { stdout: process.stdout, stderr: process.stderr, env: process.env };

/**
 * The program: commander's own messages (usage errors, help asked for by mistake) go to `commanderOutput`'s streams,
 * the commands' to `context`'s.
 */
export function buildProgram(commanderOutput: CliContext = processContext, context: CliContext = commanderOutput): Command {
  const program = new Command("wattplan")
    .description("Plan AI inference for less carbon and less money: bench a model, plan a fleet, emit Pulumi stacks, report.")
    .version(WATTPLAN_VERSION)
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({ writeOut: (text) => commanderOutput.stdout.write(text), writeErr: (text) => commanderOutput.stderr.write(text) })
    .exitOverride();
  registerCommands(program, context);
  return program;
}
