// The human summary of a profile (stderr): what was measured, how well pinned down, and the INT8 comparison.
// Pure text; no onnxruntime here, so the CLI can import it up front.
import { formatBytes, formatCount, formatFlops, formatSignificant } from "../format/numbers.ts";
import { formatTable } from "../format/table.ts";
import type { ArtifactRecipe, OutputDrift } from "../domain/artifact.ts";
import type { ModelProfile } from "../domain/profile.ts";

export function formatBenchSummary(profile: ModelProfile): string {
  const { model, host } = profile;
  const everyOperator = formatFlops(model.cost.flopsPerInference);
  const macFlops = model.cost.macFlopsPerInference === undefined ? "" : `${formatFlops(model.cost.macFlopsPerInference)}/inference (2 × multiply-accumulates; all operators: ${everyOperator}), `;
  const lines = [
    `${model.name}: ${macFlops || `${everyOperator}/inference, `}${formatCount(model.cost.parameterCount)} parameters, ${formatBytes(model.cost.weightBytes)} weights, ${model.cost.arithmeticIntensityFlopsPerByte.toFixed(1)} FLOP/byte`,
    `host: ${host.cpuModel}, ${host.logicalCores} logical cores, ${host.isaFlags.join(" ") || "no notable ISA flags"}${host.instanceType ? ` (${host.instanceType})` : ""}`,
    `peak (calibrated at ${host.calibration.intraOpThreads ?? "?"} thread${host.calibration.intraOpThreads === 1 ? "" : "s"}): ${host.calibration.fp32Gflops.toFixed(0)} GFLOPS FP32, ${host.calibration.int8Gops.toFixed(0)} GOPS INT8, ${host.calibration.memoryBandwidthGbPerSecond.toFixed(1)} GB/s`,
    "",
    formatTable(
      ["precision", "batch", "threads", "p50 ms", "p95 ms", "inf/s", "GFLOPS", "efficiency", "CI reached", "J/inf"],
      profile.measurements.map((measurement) => [
        measurement.precision,
        String(measurement.batchSize),
        String(measurement.intraOpThreads),
        formatSignificant(measurement.latencyMs.p50),
        formatSignificant(measurement.latencyMs.p95),
        formatSignificant(measurement.throughputInferencesPerSecond),
        measurement.achievedGflops.toFixed(1),
        `${(measurement.efficiency * 100).toFixed(1)}%`,
        `±${(measurement.medianRelativeCi95 * 100).toFixed(1)}%${measurement.converged ? "" : " (budget)"}`,
        measurement.energyJoulesPerInference === null ? "-" : formatSignificant(measurement.energyJoulesPerInference),
      ]),
    ),
  ];
  const quantization = profile.quantization;
  if (quantization) {
    const copied = profile.measurements.some((measurement) => measurement.copiedFrom === "fp32");
    lines.push(
      "",
      `INT8 timed: ${quantization.transform ?? "dynamic-int8"}, ${quantization.weightBits ?? 8}-bit weights; ${quantization.quantizedNodes} node(s) quantized, ${quantization.skipped.length} skipped, weights ${formatBytes(quantization.weightBytes)}; ` +
        (copied ? "no node changed: the INT8 cells are the FP32 ones, copied (×1.00)" : `speed ×${quantization.speedRatio === null ? "?" : quantization.speedRatio.toFixed(2)} vs FP32`),
    );
  }
  if (profile.artifacts && profile.artifacts.length > 1) {
    lines.push("", "files per precision (drift vs FP32):");
    for (const artifact of profile.artifacts.filter((record) => record.precision !== "fp32")) {
      lines.push(`  ${artifact.precision.toUpperCase()} ${describeRecipe(artifact.recipe)} (sha256 ${artifact.sha256.slice(0, 12)}): ${artifact.drift ? formatDrift(artifact.drift) : artifact.driftNote}`);
    }
  }
  lines.push("", `energy: ${profile.energy.note}`);
  for (const warning of profile.warnings) lines.push(`warning: ${warning}`);
  return lines.join("\n");
}

export function formatDrift(drift: OutputDrift): string {
  const similarity =
    drift.cosineSimilarity === null ? `not comparable: ${drift.nonFiniteMismatches ?? "some"} element(s) NaN/Inf in one output only` : `cosine ${drift.cosineSimilarity.toFixed(4)}`;
  return `${similarity}, max |Δ| ${drift.maxAbsDifference.toPrecision(3)}${drift.top1Agreement === null ? "" : `, top-1 agreement ${(drift.top1Agreement * 100).toFixed(1)}%`}`;
}

function describeRecipe(recipe: ArtifactRecipe): string {
  switch (recipe.transform) {
    case "none":
      return "the FP32 file";
    case "dynamic-int8":
      return `dynamic, ${recipe.weightBits}-bit weights`;
    case "static-int8-qdq":
      return `static QDQ ${recipe.activations}, ${recipe.weightBits}-bit weights`;
  }
}

