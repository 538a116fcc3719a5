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

/**
 * NVIDIA publishes no tensor rates for the AWS-only A10G. Its A10 sibling (same GA102 die and memory) is not the
 * figure: Baseten's comparison says the A10 favours tensor compute and the A10G CUDA-core compute, and public code
 * carries the A10G at 70 TFLOPS dense FP16, as a GeForce-style GA102 with half-rate FP32-accumulate tensor cores
 * would have. INT8 is taken as twice FP16, the ratio of every Ampere part with published figures (A10, A100).
 */
const a10gTensorFp16Tflops = 70;
const unpublishedTensorRates: Record<string, Record<string, Figure>> = {
  A10G: {
    fp16_bf16_tensor_tflops_dense: {
      value: a10gTensorFp16Tflops,
      source: instanceSourceIds.a10gTensor,
      asOf: "2026-12",
      method: "not published by NVIDIA; 70 TFLOPS dense FP16 as carried by public code, consistent with Baseten's statement that the A10G trades tensor for CUDA-core throughput",
      estimated: true,
    },
    int8_tops_dense: {
      value: 2 * a10gTensorFp16Tflops,
      source: instanceSourceIds.a10gTensor,
      asOf: "2026-12",
      method: "not published by NVIDIA; 2 x the 70 TFLOPS dense FP16 (INT8 is twice FP16 on every Ampere part with published figures)",
      estimated: true,
    },
  },
};

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

function tensorFigure(row: ReferenceRow, column: string): Figure | undefined {
  const value = optionalNumber(row, column);
  if (value !== undefined) return specFigure(value);
  return unpublishedTensorRates[row.accelerator]?.[column];
}

/**
 * Accelerator specs from accelerators/accelerators.csv with idle/max power from accelerator-power.csv. Rows
 * without an FP32 rate (Inferentia 1, TPU v5e: not in the catalog's instance families) are left out.
 */
export function buildAcceleratorSpecs(referenceDirectory: string): AcceleratorSpec[] {
  const rows = readReferenceCsv(referenceDirectory, "accelerators/accelerators.csv");
  const power = acceleratorPowerFigures(referenceDirectory);
  const specs: AcceleratorSpec[] = [];
  for (const row of rows) {
    const memoryGb = convertedFigure(row, "memory_gb", "GB");
    const memoryBandwidthGbPerSecond = convertedFigure(row, "memory_bandwidth_gb_s", "GB/s");
    const fp32 = optionalNumber(row, "fp32_tflops");
    const fp16Tflops = tensorFigure(row, "fp16_bf16_tensor_tflops_dense");
    const int8Tops = tensorFigure(row, "int8_tops_dense");
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
