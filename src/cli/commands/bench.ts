// `wattplan bench MODEL.onnx`: measure a model and write its ModelProfile. onnxruntime loads inside the action.
import { Command, Option } from "commander";
import { WattplanError } from "../../errors.ts";
import type { ExecutionProvider, Precision } from "../../domain/profile.ts";
import { assertWritablePath } from "../../io/atomic-write.ts";
import { addOutputOptions, commandOutput, type CliContext } from "../output.ts";
import { inputOption, parseInputFlags, parseIntegerList, parseShapeFlags, shapeOption, splitList } from "../model-input-options.ts";

interface BenchCommandOptions {
  shape?: string[];
  input?: string[];
  batch?: string;
  threads?: string;
  precision?: string;
  executionProvider?: ExecutionProvider;
  instanceType?: string;
  budgetSeconds?: string;
  inputsFile?: string;
  json?: boolean;
  out?: string;
}

export function registerBenchCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  const command = program
    .command("bench")
    .description("measure an ONNX model (latency, throughput, efficiency, INT8 vs FP32) and write a ModelProfile")
    .argument("<model>", "the .onnx model file")
    .addOption(shapeOption())
    .addOption(inputOption())
    .option("--batch <list>", "batch sizes to measure, comma-separated", "1")
    .option("--threads <list>", "intra-op thread counts to measure, comma-separated (default: all logical cores)")
    .option("--precision <list>", "fp32, int8 or both, comma-separated", "fp32")
    .addOption(new Option("--execution-provider <provider>", "onnxruntime execution provider").choices(["cpu", "webgpu"]).default("cpu"))
    .option("--instance-type <type>", "the cloud instance type this machine is (recorded in the profile)")
    .option("--budget-seconds <seconds>", "wall time for all measurements together", "30")
    .option("--inputs-file <file>", 'JSON file with input values: {"name": [[...]], ...}')
    .addHelpText(
      "after",
      "\nThe budget is shared by all precision × threads × batch cells; each stops early once its median's 95 % CI is within ±2 %.\n" +
        "Example:\n  wattplan bench silero_vad.onnx --input sr=16000 --shape input=512 --batch 1,8 --precision fp32,int8 --out profile.json",
    );
  addOutputOptions(command).action(async (modelPath: string, options: BenchCommandOptions) => {
    const benchOptions = {
      batchSizes: parseIntegerList(options.batch ?? "1", "--batch"),
      threads: options.threads === undefined ? undefined : parseIntegerList(options.threads, "--threads"),
      precisions: parsePrecisions(options.precision ?? "fp32"),
      executionProvider: options.executionProvider ?? "cpu",
      instanceType: options.instanceType ?? null,
      budgetSeconds: parsePositiveNumber(options.budgetSeconds ?? "30", "--budget-seconds"),
      shapes: parseShapeFlags(options.shape ?? []),
      inputValues: parseInputFlags(options.input ?? []),
      inputsFile: options.inputsFile,
    };
    if (options.out) await assertWritablePath(options.out);
    const [{ bench, stderrProgress }, { formatBenchSummary }] = await Promise.all([import("../../bench/index.ts"), import("../../bench/format-summary.ts")]);
    const profile = await bench(modelPath, { ...benchOptions, progress: stderrProgress(context.stderr) });
    if (!options.json) output.print(formatBenchSummary(profile));
    await output.machine(options, profile);
    if (options.out) output.note(`profile written to ${options.out}`);
    else if (!options.json) output.note("add --out profile.json to save the profile (or --json to print it)");
  });
}

function parsePositiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new WattplanError("INVALID_INPUT", `${flag} takes a positive number, not '${text}'`, `for example ${flag} 30`);
  return value;
}

function parsePrecisions(text: string): Precision[] {
  return splitList(text, "--precision").map((item) => {
    if (item !== "fp32" && item !== "int8") throw new WattplanError("INVALID_INPUT", `--precision takes fp32 and/or int8, not '${item}'`, "for example --precision fp32,int8");
    return item;
  });
}
