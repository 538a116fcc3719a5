// Static INT8's calibration: the [min, max] every quantization point takes over sample inputs, read by running the
// FP32 model with those tensors added as outputs. Min/max (not a percentile): the calibration sets here are small
// (tens of samples) and synthetic unless the user gives real inputs, and clipping outliers the set never showed
// buys nothing. Non-finite values are left out of the range (a model's NaN is reported elsewhere).
import { readModel, serializeModel } from "../onnx/index.ts";
import { DataType } from "../onnx/proto.ts";
import { createSession, runSession, type Feeds, type SessionSettings } from "./ort-session.ts";

export const activationCalibrationMethod = "min/max";

export type ActivationRanges = Record<string, [number, number]>;

export async function calibrateActivationRanges(modelBytes: Uint8Array, points: readonly string[], samples: readonly Feeds[], label: string, settings: SessionSettings): Promise<ActivationRanges> {
  const ranges: ActivationRanges = Object.fromEntries(points.map((name) => [name, [Infinity, -Infinity]]));
  if (points.length === 0) return ranges;
  const session = await createSession(withOutputs(modelBytes, points, label), `${label} (calibration)`, settings);
  try {
    for (const feeds of samples) {
      const outputs = await runSession(session, feeds, `${label} (calibration)`);
      for (const name of points) {
        const range = ranges[name];
        for (const value of outputs[name].data as Float32Array) {
          if (!Number.isFinite(value)) continue;
          if (value < range[0]) range[0] = value;
          if (value > range[1]) range[1] = value;
        }
      }
    }
  } finally {
    await session.release();
  }
  // A tensor that only ever held non-finite values (or nothing) gets the empty range around 0.
  for (const range of Object.values(ranges)) if (range[0] > range[1]) range.splice(0, 2, 0, 0);
  return ranges;
}

/** The model with the given tensors added as float outputs (onnxruntime infers their shapes). */
function withOutputs(modelBytes: Uint8Array, names: readonly string[], label: string): Uint8Array {
  const { proto } = readModel(modelBytes, label);
  const graph = proto.graph!;
  const existing = new Set((graph.output ?? []).map((output) => output.name));
  graph.output = [...(graph.output ?? []), ...names.filter((name) => !existing.has(name)).map((name) => ({ name, type: { tensorType: { elemType: DataType.FLOAT } } }))];
  return serializeModel(proto);
}
