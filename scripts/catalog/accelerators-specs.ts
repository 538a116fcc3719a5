import type { AcceleratorSpec } from "../../src/domain/catalog.ts";
import type { Figure } from "../../src/domain/figure.ts";
import { optionalNumber, readReferenceCsv, roundTo, type ReferenceRow } from "./instances-csv.ts";
import { instanceSourceIds } from "./instances-sources.ts";
import { acceleratorPowerFigures } from "./power-accelerators.ts";

/** The date of the wattplan-compiled reference tables (accelerators.csv, accelerator-power.csv, cpu-peak-flops.csv). */
export const compiledReferenceAsOf = "2026-08";

const gigabytesPerGibibyte = 1.073741824;

/** Figures the vendor publishes in binary units (AWS Neuron docs): converted to decimal GB. */
const publishedInGibibytes = new Set(["Inferentia", "Inferentia2", "Trainium"]);

/** NVIDIA publishes no tensor rates for the AWS-only A10G; it is the A10's GA102 chip at a slightly different clock. */
const scaledFromSibling: Record<string, string> = { A10G: "A10" };

const specFigure = (value: number, method?: string): Figure => ({
  value,
  source: instanceSourceIds.acceleratorSpecs,
  asOf: compiledReferenceAsOf,
  ...(method ? { method, estimated: true } : {}),
});

function convertedFigure(row: ReferenceRow, column: string, unit: string): Figure | undefined {
  const value = optionalNumber(row, column);
  if (value === undefined) return undefined;
  if (!publishedInGibibytes.has(row.accelerator)) return specFigure(value);
  return {
    value: roundTo(value * gigabytesPerGibibyte, 2),
    source: instanceSourceIds.acceleratorSpecs,
    asOf: compiledReferenceAsOf,
    method: `published as ${value} ${unit === "GB" ? "GiB" : "GiB/s"}; converted to ${unit} (x 1.073741824)`,
    estimated: true,
  };
}

function tensorFigure(row: ReferenceRow, rowsByModel: Map<string, ReferenceRow>, column: string): Figure | undefined {
  const value = optionalNumber(row, column);
  if (value !== undefined) return specFigure(value);
  const siblingName = scaledFromSibling[row.accelerator];
  const sibling = siblingName ? rowsByModel.get(siblingName) : undefined;
  if (!sibling) return undefined;
  const siblingValue = optionalNumber(sibling, column);
  const ratio = (optionalNumber(row, "fp32_tflops") ?? Number.NaN) / (optionalNumber(sibling, "fp32_tflops") ?? Number.NaN);
  if (siblingValue === undefined || !Number.isFinite(ratio)) return undefined;
  return specFigure(
    roundTo(siblingValue * ratio, 1),
    `not published; ${siblingName} dense ${column} (${siblingValue}) x FP32 ratio ${optionalNumber(row, "fp32_tflops")}/${optionalNumber(sibling, "fp32_tflops")} (same GA102 chip)`,
  );
}

/**
 * Accelerator specs from accelerators/accelerators.csv with idle/max power from accelerator-power.csv. Rows
 * without an FP32 rate (Inferentia 1, TPU v5e: not in the catalog's instance families) are left out.
 */
export function buildAcceleratorSpecs(referenceDirectory: string): AcceleratorSpec[] {
  const rows = readReferenceCsv(referenceDirectory, "accelerators/accelerators.csv");
  const rowsByModel = new Map(rows.map((row) => [row.accelerator, row]));
  const power = acceleratorPowerFigures(referenceDirectory);
  const specs: AcceleratorSpec[] = [];
  for (const row of rows) {
    const memoryGb = convertedFigure(row, "memory_gb", "GB");
    const memoryBandwidthGbPerSecond = convertedFigure(row, "memory_bandwidth_gb_s", "GB/s");
    const fp32 = optionalNumber(row, "fp32_tflops");
    const fp16Tflops = tensorFigure(row, rowsByModel, "fp16_bf16_tensor_tflops_dense");
    const int8Tops = tensorFigure(row, rowsByModel, "int8_tops_dense");
    if (!memoryGb || !memoryBandwidthGbPerSecond || fp32 === undefined || !fp16Tflops || !int8Tops) continue;
    const devicePower = power.get(row.accelerator);
    specs.push({
      model: row.accelerator,
      vendor: row.vendor,
      memoryGb,
      memoryBandwidthGbPerSecond,
      fp32Tflops: specFigure(fp32),
      fp16Tflops,
      int8Tops,
      ...(devicePower?.idleWatts ? { idleWatts: devicePower.idleWatts } : {}),
      ...(devicePower?.maxWatts ? { maxWatts: devicePower.maxWatts } : {}),
    });
  }
  return specs;
}

/** Memory of one device of each model, for instance types' accelerator attachments. */
export function acceleratorMemoryByModel(specs: AcceleratorSpec[]): Map<string, number> {
  return new Map(specs.map((spec) => [spec.model, spec.memoryGb.value]));
}
