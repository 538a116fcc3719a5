import { Command } from "commander";
import { WATTPLAN_VERSION } from "../version.ts";
import { registerCommands } from "./commands/index.ts";

export function buildProgram(): Command {
  const program = new Command("wattplan")
    .description("Plan AI inference for less carbon and less money: bench a model, plan a fleet, emit Pulumi stacks, report.")
    .version(WATTPLAN_VERSION)
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({ writeOut: (text) => process.stdout.write(text), writeErr: (text) => process.stderr.write(text) })
    .exitOverride();
  registerCommands(program);
  return program;
}

