import { Command } from "commander";
import { registerCommands } from "./commands/index.ts";

export function buildProgram(): Command {
  const program = new Command("wattplan")
    .description("Plan AI inference for less carbon and less money: bench a model, plan a fleet, emit Pulumi stacks, report.")
    .version("0.1.0")
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({ writeOut: (text) => process.stdout.write(text), writeErr: (text) => process.stderr.write(text) })
    .exitOverride();
  registerCommands(program);
  return program;
}

