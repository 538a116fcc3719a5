import type { Command } from "commander";
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
export function registerCommands(program: Command): void {
  registerBenchCommand(program);
  registerCatalogCommand(program);
  registerEmitCommand(program);
  registerPlanCommand(program);
  registerReportCommand(program);
  registerCommentCommand(program);
  registerWhatIfCommand(program);
  registerIntensityCommand(program);
  registerHistoryCommand(program);
  registerCheckCommand(program);
  registerEstimateCommand(program);
}
