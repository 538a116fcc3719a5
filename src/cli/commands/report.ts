// `wattplan report PLAN.json [--base BASE.json] [--format md|html|json] [--out F]`: render a saved plan, or its diff
// against the base branch's plan. Renders only; nothing is re-estimated.
import { Command, Option } from "commander";
import type { Plan } from "../../domain/plan.ts";
import { WattplanError } from "../../errors.ts";
import type { TargetsBlock } from "../../targets/plan-effect.ts";
import { reportSkipped, toleranceOption } from "../history-options.ts";
import { commandOutput, type CliContext, type CommandOutput } from "../output.ts";

interface ReportCommandOptions {
  base?: string;
  format: "md" | "html" | "json";
  out?: string;
  history?: string;
  tolerance: number;
}

export function registerReportCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  program
    .command("report")
    .description("render a plan as Markdown (for a pull request), HTML or JSON; with --base, the change from the base plan")
    .argument("<plan>", "plan JSON written by `wattplan plan --out`")
    .option("--base <file>", "the base branch's plan JSON: report the change base → plan")
    .addOption(new Option("--format <format>", "md, html or json").choices(["md", "html", "json"]).default("md"))
    .option("--out <file>", "write the report to FILE (atomically) instead of stdout")
    .option("--history <dir>", "the recorded plans (`wattplan plan --record`): add a Targets block, this change's effect on each target (Markdown)")
    .addOption(toleranceOption())
    .action(async (planPath: string, options: ReportCommandOptions) => {
      if (options.history && options.format !== "md") {
        throw new WattplanError("INVALID_INPUT", "--history adds the Targets block to the Markdown report", "use --format md, or wattplan history DIR --format html for the targets' charts");
      }
      const { readPlanFile } = await import("../../report/read-plan.ts");
      const plan = await readPlanFile(planPath);
      const base = options.base ? await readPlanFile(options.base, "base plan") : undefined;
      const targets = options.history ? await loadTargetsBlock(output, plan, options.history, options.tolerance) : undefined;
      const text = await renderReport(plan, base, options.format, targets);
      if (options.out) {
        await output.writeFile(options.out, text);
        output.note(`report written to ${options.out}`);
      } else {
        output.write(text);
      }
    });
}

async function loadTargetsBlock(output: CommandOutput, plan: Plan, directory: string, tolerancePercent: number): Promise<TargetsBlock> {
  const { targetsBlockFor } = await import("../../history/plan-targets.ts");
  const { block, skipped } = await targetsBlockFor(plan, directory, tolerancePercent);
  reportSkipped(output, skipped);
  return block;
}

async function renderReport(plan: Plan, base: Plan | undefined, format: ReportCommandOptions["format"], targets?: TargetsBlock): Promise<string> {
  if (format === "md") {
    const { renderMarkdown } = await import("../../report/markdown/index.ts");
    return renderMarkdown(plan, { base, targets });
  }
  if (format === "json") {
    const [{ compare }, { summarizePlan }, { planDiffSchema, planSummarySchema }] = await Promise.all([
      import("../../report/diff/compare.ts"),
      import("../../report/summary.ts"),
      import("../../domain/diff.ts"),
    ]);
    const data = base ? planDiffSchema.parse(compare(base, plan)) : planSummarySchema.parse(summarizePlan(plan));
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  const { renderHtml } = await import("../../report/lazy-html.ts");
  return renderHtml(plan, { base });
}
