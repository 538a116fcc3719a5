// Host peaks measured through onnxruntime itself (not datasheet numbers), so efficiency = achieved / peak compares
// like with like: the same library, threads and kernels the model ran on.
import { buildBandwidthModel, buildMatMulModel, readModel, serializeModel } from "../onnx/index.ts";
import type { Clock } from "./clock.ts";
import { createSession, tensor, type Feeds, type Session } from "./ort-session.ts";

export interface Calibration {
  intraOpThreads: number;
  fp32Gflops: number;
  int8Gops: number;
  memoryBandwidthGbPerSecond: number;
}

export const calibrationMethod =
  "best of up to 15 runs through onnxruntime at the measured thread count: MatMul [256x4096]x[4096x1024] (FP32), " +
  "MatMulInteger u8xs8 of the same shape (INT8), elementwise Add over 2x8M floats summed in-graph by ReduceSum (16 bytes per element: a and b read, the sum written and read back)";

// A wide inner dimension keeps the input and output small next to the arithmetic, so copying tensors in and out
// of JavaScript does not eat into the peak (a 1024³ product reads ~5 % lower here for that reason).
const rows = 256;
const inner = 4096;
const columns = 1024;
const bandwidthElements = 8 * 1024 * 1024;
// Best of up to 15 runs (or ~0.4 s): on a shared machine the best run is the one nobody else interrupted.
const maximumRepetitions = 15;
const repetitionTimeLimitMs = 400;
const bytesPerBandwidthElement = 16;

export async function calibrateHost(intraOpThreads: number, clock: Clock): Promise<Calibration> {
  const settings = { intraOpThreads, executionProvider: "cpu" as const };
  const operations = 2 * rows * inner * columns;
  const shape = { m: rows, k: inner, n: columns };

  const fp32Session = await createSession(buildMatMulModel({ ...shape, precision: "fp32" }), "the FP32 calibration model", settings);
  const fp32Ms = await bestTimeMs(fp32Session, { a: tensor("float32", filled(new Float32Array(rows * inner)), [rows, inner]) }, clock);

  const int8Session = await createSession(buildMatMulModel({ ...shape, precision: "int8" }), "the INT8 calibration model", settings);
  const activations = new Uint8Array(rows * inner).map((_, index) => (index * 31) & 0xff);
  const int8Ms = await bestTimeMs(int8Session, { a: tensor("uint8", activations, [rows, inner]) }, clock);

  const bandwidthSession = await createSession(reducedToScalar(buildBandwidthModel({ elements: bandwidthElements })), "the bandwidth calibration model", settings);
  const bandwidthMs = await bestTimeMs(
    bandwidthSession,
    { a: tensor("float32", filled(new Float32Array(bandwidthElements)), [bandwidthElements]), b: tensor("float32", filled(new Float32Array(bandwidthElements)), [bandwidthElements]) },
    clock,
  );

  return {
    intraOpThreads,
    fp32Gflops: operations / fp32Ms / 1e6,
    int8Gops: operations / int8Ms / 1e6,
    memoryBandwidthGbPerSecond: (bytesPerBandwidthElement * bandwidthElements) / bandwidthMs / 1e6,
  };
}

/**
 * The bandwidth model's 32 MB result, handed back to JavaScript, costs more than the Add itself (allocation and a
 * copy out of onnxruntime: it measured ~5 GB/s here against ~25 GB/s for the same bytes reduced in-graph). Summing
 * it to a scalar inside the graph keeps the traffic in onnxruntime's arena, where the model's own activations live.
 */
function reducedToScalar(bandwidthModel: Uint8Array): Uint8Array {
  const { proto } = readModel(bandwidthModel, "the bandwidth calibration model");
  const graph = proto.graph!;
  const elementwiseOutput = graph.output![0];
  graph.node!.push({ opType: "ReduceSum", name: "wattplan_total", input: [elementwiseOutput.name!], output: ["wattplan_total"], attribute: [{ name: "keepdims", type: 2, i: 0 }] });
  graph.output = [{ name: "wattplan_total", type: { tensorType: { elemType: elementwiseOutput.type?.tensorType?.elemType, shape: { dim: [] } } } }];
  return serializeModel(proto);
}

async function bestTimeMs(session: Session, feeds: Feeds, clock: Clock): Promise<number> {
  try {
    await session.run(feeds);
    let best = Infinity;
    const firstStart = clock.nowMs();
    for (let index = 0; index < maximumRepetitions && clock.nowMs() - firstStart < repetitionTimeLimitMs; index++) {
      const start = clock.nowMs();
      await session.run(feeds);
      best = Math.min(best, clock.nowMs() - start);
    }
    return Math.max(best, 1e-6);
  } finally {
    await session.release();
  }
}

function filled(array: Float32Array): Float32Array {
  for (let index = 0; index < array.length; index++) array[index] = ((index % 97) - 48) / 48;
  return array;
}

