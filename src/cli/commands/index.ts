import type { Command } from "commander";
import type { CliContext } from "../output.ts";
import { registerBenchCommand } from "./bench.ts";
import { registerCatalogCommand } from "./catalog.ts";
import { registerEmitCommand } from "./emit.ts";
import { registerPlanCommand } from "./plan.ts";
import { registerReportCommand } from "./report.ts";
import { registerCommentCommand } from "./comment.ts";
import { registerWhatIfCommand } from "./whatif.ts";
import { registerIntensityCommand } from "./intensity.ts";
import { registerHistoryCommand } from "./history.ts";
import { registerCheckCommand } from "./check.ts";
import { registerEstimateCommand } from "./estimate.ts";

/** Each command lives in its own file and registers itself here; heavy imports stay inside actions. */
export function registerCommands(program: Command, context: CliContext): void {
  registerBenchCommand(program, context);
  registerCatalogCommand(program, context);
  registerEmitCommand(program, context);
  registerPlanCommand(program, context);
  registerReportCommand(program, context);
  registerCommentCommand(program, context);
  registerWhatIfCommand(program, context);
  registerIntensityCommand(program, context);
  registerHistoryCommand(program, context);
  registerCheckCommand(program, context);
  registerEstimateCommand(program, context);
}
