// `wattplan bench MODEL.onnx`: measure a model and write its ModelProfile. onnxruntime loads inside the action.
// With --on, the model is measured on cloud machines instead (bench-on.ts); --cleanup destroys what a killed run left.
import { Command, Option } from "commander";
import { WattplanError } from "../../errors.ts";
import type { ExecutionProvider, Precision } from "../../domain/profile.ts";
import { assertWritablePath } from "../../io/atomic-write.ts";
import { addOutputOptions, emitMachineOutput, say } from "../output.ts";
import { formatBenchSummary } from "../../bench/format-summary.ts";
import { runBenchCleanup, runBenchOn, type FleetCommandOptions } from "./bench-on.ts";

interface BenchCommandOptions extends FleetCommandOptions {
  shape?: string[];
  input?: string[];
  batch?: string;
  threads?: string;
  precision?: string;
  executionProvider?: ExecutionProvider;
  instanceType?: string;
  budgetSeconds?: string;
  inputsFile?: string;
  calibrationInputs?: string;
  json?: boolean;
  out?: string;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function registerBenchCommand(program: Command): void {
  const command = program
    .command("bench")
    .description("measure an ONNX model (latency, throughput, efficiency, INT8 vs FP32) and write a ModelProfile")
    .argument("[model]", "the .onnx model file")
    .addOption(new Option("--shape <name=d1,d2>", "concrete dimensions of an input (or one named dimension) with symbolic ones (repeatable)").argParser(collect))
    .addOption(new Option("--input <name=value>", "a fixed value for a scalar or control input, e.g. sr=16000 (repeatable)").argParser(collect))
    .option("--batch <list>", "batch sizes to measure, comma-separated", "1")
    .option("--threads <list>", "intra-op thread counts to measure, comma-separated (default: all logical cores)")
    .option("--precision <list>", "fp32, int8, fp16, comma-separated (fp16: its drift only, CPUs serve no FP16)", "fp32")
    .addOption(new Option("--execution-provider <provider>", "onnxruntime execution provider").choices(["cpu", "webgpu", "cuda"]).default("cpu"))
    .option("--instance-type <type>", "the cloud instance type this machine is (recorded in the profile)")
    .option("--budget-seconds <seconds>", "wall time for all measurements together", "30")
    .option("--inputs-file <file>", 'JSON file with input values: {"name": [[...]], ...}')
    .option("--calibration-inputs <file>", 'static INT8 calibration samples, a JSON array: [{"name": [[...]]}, ...] (default: synthesized)')
    .addOption(new Option("--on <cloud:type>", "measure on a cloud machine of this type instead of here, e.g. aws:g6.xlarge (repeatable; needs the Pulumi CLI and the cloud's credentials)").argParser(collect))
    .addOption(new Option("--region <region>", "with --on: the region to use for that cloud's targets (repeatable, one per cloud; default: the cleanest offering the type)").argParser(collect))
    .option("--max-usd <usd>", "with --on: refuse to start above, and stop before, this estimated spend")
    .option("--yes", "with --on: start the machines (without it, wattplan prints what would run and what it costs, and stops)")
    .option("--out-dir <dir>", "with --on: where the profiles and logs brought back are written", "profiles")
    .option("--parallel <n>", "with --on: how many machines run at once", "4")
    .addOption(new Option("--profile <file>", "with --on: a profile measured elsewhere to project each target from, for the calibration report (repeatable)").argParser(collect))
    .option("--backend <url>", "with --on or --cleanup: Pulumi state backend (default: a local one under ~/.wattplan)")
    .option("--cleanup", "destroy every bench machine stack a previous --on run left behind")
    .addHelpText(
      "after",
      "\nThe budget is shared by all precision × threads × batch cells; each stops early once its median's 95 % CI is within ±2 %.\n" +
        "Example:\n  wattplan bench silero_vad.onnx --input sr=16000 --shape input=512 --batch 1,8 --precision fp32,int8 --out profile.json\n" +
        "On cloud machines (prints the machines and the cost, then stops until you add --yes):\n" +
        "  wattplan bench model.onnx --on aws:c7i.large --on gcp:g2-standard-4 --profile profile.json --max-usd 2",
    );
  addOutputOptions(command).action(async (modelPath: string | undefined, options: BenchCommandOptions) => {
    if (options.cleanup) return runBenchCleanup(options);
    if (modelPath === undefined) throw new WattplanError("INVALID_INPUT", "no model given", "for example: wattplan bench model.onnx (or wattplan bench --cleanup)");
    const benchOptions = {
      batchSizes: parseIntegerList(options.batch ?? "1", "--batch"),
      threads: options.threads === undefined ? undefined : parseIntegerList(options.threads, "--threads"),
      precisions: parsePrecisions(options.precision ?? "fp32"),
      executionProvider: options.executionProvider ?? "cpu",
      instanceType: options.instanceType ?? null,
      budgetSeconds: parsePositiveNumber(options.budgetSeconds ?? "30", "--budget-seconds"),
      shapes: parseAssignments(options.shape ?? [], "--shape", (text, name) => parseIntegerList(text, `--shape ${name}`, true)),
      inputValues: parseAssignments(options.input ?? [], "--input", (text, name) => {
        const values = parseNumberList(text, `--input ${name}`);
        return values.length === 1 ? values[0] : values;
      }),
      inputsFile: options.inputsFile,
      calibration: options.calibrationInputs === undefined ? undefined : { inputsFile: options.calibrationInputs },
    };
    if (options.on !== undefined) return runBenchOn(modelPath, options, benchOptions);
    if (options.out) await assertWritablePath(options.out);
    const { bench, stderrProgress } = await import("../../bench/index.ts");
    const profile = await bench(modelPath, { ...benchOptions, progress: stderrProgress() });
    say();
    say(formatBenchSummary(profile));
    await emitMachineOutput(options, profile);
    if (options.out) say(`profile written to ${options.out}`);
    else if (!options.json) say("add --out profile.json to save the profile (or --json to print it)");
  });
}

function parseAssignments<T>(assignments: string[], flag: string, parseValue: (text: string, name: string) => T): Record<string, T> {
  const result: Record<string, T> = {};
  for (const assignment of assignments) {
    const separator = assignment.indexOf("=");
    const name = assignment.slice(0, separator).trim();
    if (separator <= 0 || name === "") throw new WattplanError("INVALID_INPUT", `${flag} '${assignment}' is not name=value`, `for example ${flag === "--shape" ? "--shape input=1,512" : "--input sr=16000"}`);
    result[name] = parseValue(assignment.slice(separator + 1), name);
  }
  return result;
}

function parseIntegerList(text: string, flag: string, allowZero = false): number[] {
  const values = splitList(text, flag).map((item) => {
    const value = Number(item);
    if (!/^\d+$/.test(item) || !Number.isSafeInteger(value) || (!allowZero && value === 0)) {
      throw new WattplanError("INVALID_INPUT", `${flag} takes ${allowZero ? "non-negative" : "positive"} integers, not '${item}'`, `for example ${flag.startsWith("--shape") ? "--shape input=1,512" : `${flag} 1,8`}`);
    }
    return value;
  });
  return values;
}

function parseNumberList(text: string, flag: string): number[] {
  return splitList(text, flag).map((item) => {
    const value = Number(item);
    if (!Number.isFinite(value)) throw new WattplanError("INVALID_INPUT", `${flag} takes numbers, not '${item}'`, "for example --input sr=16000");
    return value;
  });
}

function splitList(text: string, flag: string): string[] {
  const items = text.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) throw new WattplanError("INVALID_INPUT", `${flag} '${text}' has an empty item`, "give a comma-separated list without gaps");
  return items;
}

function parsePositiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new WattplanError("INVALID_INPUT", `${flag} takes a positive number, not '${text}'`, `for example ${flag} 30`);
  return value;
}

function parsePrecisions(text: string): Precision[] {
  return splitList(text, "--precision").map((item) => {
    if (item !== "fp32" && item !== "int8" && item !== "fp16") throw new WattplanError("INVALID_INPUT", `--precision takes fp32, int8 and/or fp16, not '${item}'`, "for example --precision fp32,int8");
    return item;
  });
}
