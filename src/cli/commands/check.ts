// `wattplan check [DIR]`: the CI gate. Exit 0 when every target of the recorded plans is on its trajectory and
// none regressed in the last step; exit 1 with one line per missed target otherwise.
import { Command, Option } from "commander";
import { WattplanError } from "../../errors.ts";
import { DEFAULT_MAX_REGRESSION_PERCENT } from "../../targets/defaults.ts";
import { judgingDateOption, parsePercentOption, reportSkipped, specNameOption, toleranceOption } from "../history-options.ts";
import { commandOutput, type CliContext } from "../output.ts";

interface CheckCommandOptions {
  spec?: string;
  now?: string;
  tolerance: number;
  maxRegression: number;
  json?: boolean;
}

export function registerCheckCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  program
    .command("check")
    .description("exit 1, with one line per missed target, when a target is off its trajectory or regressed between the last two records")
    .argument("[dir]", "the history folder written by `wattplan plan --record`", ".wattplan/history")
    .addOption(specNameOption())
    .addOption(toleranceOption())
    .addOption(new Option("--max-regression <percent>", "the largest rise of a target's figure allowed between the last two records, in percent").argParser(parsePercentOption).default(DEFAULT_MAX_REGRESSION_PERCENT))
    .addOption(judgingDateOption())
    .option("--json", "print the verdicts as JSON on stdout")
    .action(async (directory: string, options: CheckCommandOptions) => {
      const [{ readHistory }, { evaluateHistory }, { checkTargets }, { missedTargetLines, refreshNotes }] = await Promise.all([
        import("../../history/read-history.ts"),
        import("../../targets/evaluate-history.ts"),
        import("../../targets/check.ts"),
        import("../../report/history/check-lines.ts"),
      ]);
      const history = await readHistory(directory);
      reportSkipped(output, history.warnings);
      const evaluation = evaluateHistory(history.records, { specName: options.spec, now: options.now, tolerancePercent: options.tolerance });
      const result = checkTargets(evaluation, options.maxRegression);
      const missed = missedTargetLines(result, options.tolerance);
      for (const note of refreshNotes(result)) output.note(`note: ${note}`);
      if (options.json) {
        await output.machine({ json: true }, { kind: "wattplan.check", directory, specName: evaluation.specName, now: evaluation.now, tolerancePercent: options.tolerance, ...result, missedLines: missed });
      } else if (missed.length > 0) {
        for (const line of missed) output.print(line);
      } else if (result.targets.length === 0) {
        output.note(`note: the newest record of ${evaluation.specName} sets no targets: nothing to check`);
      } else {
        output.print(`on track: ${result.targets.length} target(s) of ${evaluation.specName} within ${options.tolerance} % of their trajectories, none up more than ${options.maxRegression} % since the previous record`);
      }
      if (missed.length > 0) {
        throw new WattplanError("TARGET_MISSED", `${missed.length} of ${result.targets.length} target(s) missed`, `see the trajectories with: wattplan history ${directory}`);
      }
    });
}
