// `wattplan emit PLAN.json --stack NAME`: write the Pulumi stack file `pulumi up --stack NAME` deploys.
import { Command, Option } from "commander";
import { displayPath } from "../../io/display-path.ts";
import { commandOutput, type CliContext, type OutputOptions } from "../output.ts";

interface EmitCommandOptions extends OutputOptions {
  stack: string;
  candidate: string;
  config: string[];
  force?: boolean;
  stacksDir?: string;
  model?: string;
  uploadModel?: boolean;
}

export function registerEmitCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  program
    .command("emit")
    .description("write stacks/Pulumi.NAME.yaml from a saved plan, ready for `pulumi up --stack NAME`")
    .argument("<plan>", "a plan written by `wattplan plan --out plan.json`")
    .requiredOption("--stack <name>", "the Pulumi stack name (letters, digits, '-', '_', '.')")
    .option(
      "--candidate <which>",
      "'chosen', or N = the rank in `wattplan plan`'s table (1 = chosen, 2 = the first alternative, ...)",
      "chosen",
    )
    .addOption(
      new Option("--config <key=value>", "extra stack config, repeatable (e.g. gcp:project=my-project, wattplan:vpcId=vpc-0abc)")
        .argParser((value: string, previous: string[] = []) => [...previous, value])
        .default([], "none"),
    )
    .option("--force", "overwrite wattplan: keys even if they were edited by hand since the last emit")
    .option("--stacks-dir <dir>", "where stack files go (default: the stackConfigDir of the Pulumi project here, stacks/)")
    .option("--model <file>", "the ONNX model the plan was made for (default: the spec's model.path, beside the plan or here)")
    .option("--upload-model", "upload the local model artifact to a bucket of the fleet's own even where the spec's model.uri could be fetched")
    .addOption(new Option("--json", "print the written wattplan: config as JSON on stdout"))
    .addHelpText(
      "after",
      "\n--candidate N takes the rank `wattplan plan` prints: 1 = chosen, 2 = the first alternative (alternatives[0]), ...\n" +
        "Keys wattplan does not own (encryptionsalt, secrets, other config) are kept when a stack is emitted again.\n" +
        "The file the fleet serves (the model, or its INT8 form) is written to STACKS/.artifacts/NAME/ (git-ignored) and uploaded\n" +
        "by `pulumi up` to a private bucket in the chosen region; the spec's model.uri is used instead where that cloud can read it.\n" +
        "Example:\n  wattplan emit plan.json --stack prod --config gcp:project=my-project && pulumi up --stack prod",
    )
    .action(async (planPath: string, options: EmitCommandOptions) => {
      const [{ emitStack }, { expectedMonthlyCostUsd }, { formatUsd, formatValue }] = await Promise.all([
        import("../../emit/emit-stack.ts"),
        import("../../domain/stack-config.ts"),
        import("../../format/numbers.ts"),
      ]);
      const result = await emitStack({
        planPath,
        stackName: options.stack,
        candidate: options.candidate,
        config: options.config,
        force: options.force,
        stacksDirectory: options.stacksDir,
        modelPath: options.model,
        uploadModel: options.uploadModel,
      });
      const { config } = result;
      // With --json the written config is the result; the summary would only get in the way of a parser.
      const print = options.json ? output.note : output.print;
      const accelerator = config.accelerator ? ` + ${config.accelerator.count}× ${config.accelerator.model}` : "";
      print(
        `${result.created ? "wrote" : "updated"} ${displayPath(result.path)}: ${config.provider} ${config.region} ${config.instanceType}${accelerator}, ` +
          `${config.instances.desired} instance(s) (${config.instances.min}–${config.instances.max}), ${config.precision} batch ${config.batchSize}`,
      );
      print(
        result.artifactPath
          ? `artifact: ${displayPath(result.artifactPath)} (${config.artifactTransform === "none" ? "the model as exported" : config.artifactTransform}, sha256 ${config.artifactSha256.slice(0, 12)}), uploaded by pulumi up`
          : `model: ${config.modelUri} (sha256 ${config.artifactSha256.slice(0, 12)}, checked by every instance)`,
      );
      for (const warning of result.warnings) output.note(`warning: ${warning}`);
      // The figures read as the plan's report writes the same quantities: one rule per quantity (src/format/numbers.ts).
      const added = config.networkCosts.map((cost) => (cost.monthlyUsd === null ? "" : ` + ${formatUsd(cost.monthlyUsd)} ${cost.item}`)).join("");
      print(
        `expected: ${formatUsd(config.monthlyCostUsd)}/month for the instances (the plan)${added ? `${added} = ${formatUsd(expectedMonthlyCostUsd(config))}/month` : ""}, ` +
          `${formatValue(config.monthlyKgCo2e, "kgCO2e")}/month, ${formatValue(config.gCo2ePerThousandInferences, "gCO2e")} per 1,000 inferences`,
      );
      for (const cost of config.networkCosts) print(`  ${cost.item}: ${cost.monthlyUsd === null ? "" : `${formatUsd(cost.monthlyUsd)}/month, `}${cost.note}`);
      if (config.schedule) {
        const { hourRanges } = await import("../../report/describe-schedule.ts");
        print(`scheduled scaling: ${config.schedule.activeInstances} instance(s) during ${hourRanges(config.schedule.hoursOfDay)} ${config.schedule.timeZone} every day, ${config.schedule.idleInstances} outside`);
      }
      print(`next: pulumi up --stack ${result.stackName}`);
      await output.machine({ json: options.json }, config);
    });
}
