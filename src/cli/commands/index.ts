import type { Command } from "commander";

/** Each command lives in its own file and registers itself here; heavy imports stay inside actions. */
export function registerCommands(program: Command): void {
  void program;
}
