// INT8 against FP32: output drift on the same inputs, and the throughput ratio over matching cells.
import type { Measurement, QuantizationReport } from "../domain/profile.ts";
import { outputDrift, type OutputTensor } from "./drift.ts";
import { createSession, runSession, type Feeds, type Outputs, type SessionSettings } from "./ort-session.ts";

export async function measureDrift(fp32Model: Uint8Array, int8Model: Uint8Array, feeds: Feeds, label: string, settings: SessionSettings): Promise<QuantizationReport["drift"]> {
  const reference = await outputsOf(fp32Model, feeds, `${label} (FP32)`, settings);
  const candidate = await outputsOf(int8Model, feeds, `${label} (INT8)`, settings);
  return outputDrift(reference, candidate);
}

async function outputsOf(model: Uint8Array, feeds: Feeds, label: string, settings: SessionSettings): Promise<OutputTensor[]> {
  const session = await createSession(model, label, settings);
  try {
    return floatOutputs(await runSession(session, feeds, label));
  } finally {
    await session.release();
  }
}

function floatOutputs(outputs: Outputs): OutputTensor[] {
  const tensors: OutputTensor[] = [];
  for (const [name, value] of Object.entries(outputs)) {
    if (value.type !== "float32" && value.type !== "float64") continue;
    tensors.push({ name, dims: [...value.dims], data: Float64Array.from(value.data as Float32Array) });
  }
  return tensors;
}

/** Geometric mean of INT8/FP32 throughput over the cells measured at both precisions (same batch and threads). */
export function speedRatio(measurements: Measurement[]): number | null {
  const ratios: number[] = [];
  for (const int8 of measurements.filter((measurement) => measurement.precision === "int8")) {
    const fp32 = measurements.find(
      (measurement) => measurement.precision === "fp32" && measurement.batchSize === int8.batchSize && measurement.intraOpThreads === int8.intraOpThreads,
    );
    if (fp32) ratios.push(int8.throughputInferencesPerSecond / fp32.throughputInferencesPerSecond);
  }
  if (ratios.length === 0) return null;
  return Math.exp(ratios.reduce((sum, ratio) => sum + Math.log(ratio), 0) / ratios.length);
}
