// `wattplan history [DIR]`: every target of the recorded plans, where it started, where it is, the straight line to
// its date and whether the project is on it; and the trend of the recorded plans. Human output on stdout.
import { Command, Option } from "commander";
import type { HistoryEvaluation } from "../../targets/evaluate-history.ts";
import { judgingDateOption, reportSkipped, specNameOption, toleranceOption } from "../history-options.ts";
import { commandOutput, type CliContext } from "../output.ts";
import { formatTable } from "../../format/table.ts";
import { WATTPLAN_VERSION } from "../../version.ts";

type HistoryFormat = "text" | "md" | "html" | "json";

interface HistoryCommandOptions {
  spec?: string;
  format: HistoryFormat;
  json?: boolean;
  out?: string;
  now?: string;
  tolerance: number;
}

export function registerHistoryCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  program
    .command("history")
    .description("the targets of the recorded plans: start, current figure, trajectory and whether the project is on track; and the trend")
    .argument("[dir]", "the history folder written by `wattplan plan --record`", ".wattplan/history")
    .addOption(specNameOption())
    .addOption(new Option("--format <format>", "text, md, html or json").choices(["text", "md", "html", "json"]).default("text"))
    .option("--json", "the same as --format json")
    .option("--out <file>", "write the output to FILE (atomically) instead of stdout")
    .addOption(judgingDateOption())
    .addOption(toleranceOption())
    .action(async (directory: string, options: HistoryCommandOptions) => {
      const [{ readHistory }, { evaluateHistory }] = await Promise.all([import("../../history/read-history.ts"), import("../../targets/evaluate-history.ts")]);
      const history = await readHistory(directory);
      reportSkipped(output, history.warnings);
      const evaluation = evaluateHistory(history.records, { specName: options.spec, now: options.now, tolerancePercent: options.tolerance });
      const text = await render(evaluation, directory, history.warnings, options.json ? "json" : options.format);
      if (options.out) {
        await output.writeFile(options.out, text);
        output.note(`history written to ${options.out}`);
      } else {
        output.write(text);
      }
    });
}

async function render(evaluation: HistoryEvaluation, directory: string, skipped: string[], format: HistoryFormat): Promise<string> {
  if (format === "json") return `${JSON.stringify({ kind: "wattplan.history", directory, skipped, ...evaluation }, null, 2)}\n`;
  if (format === "md") return (await import("../../report/history/markdown.ts")).renderHistoryMarkdown(evaluation, directory);
  if (format === "html") return (await import("../../report/history/html.ts")).renderHistoryHtml(evaluation, directory, WATTPLAN_VERSION);
  return (await import("../../report/history/text.ts")).renderHistoryText(evaluation, directory, formatTable);
}
