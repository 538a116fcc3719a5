// Which model file and which Triton configuration serve each precision on each kind of device. One table, read by
// the planner (a precision a device cannot serve is not a candidate there), by bench (which artifacts to build and
// measure) and by emit (which artifact goes into the stack and how Triton runs it). The README shows it.
import { z } from "zod";
import type { Precision } from "./precision.ts";

/** How the served file is made from the model the user gave (model.path). */
export const artifactTransformSchema = z.enum([
  /** The model as exported. */
  "none",
  /** MatMul/Gemm weights quantized ahead of time, activations at run time (DynamicQuantizeLinear + MatMulInteger). */
  "dynamic-int8",
  /** QuantizeLinear/DequantizeLinear pairs with scales calibrated on sample inputs (QDQ): QLinearConv on CPUs, TensorRT INT8 on GPUs. */
  "static-int8-qdq",
]);
export type ArtifactTransform = z.infer<typeof artifactTransformSchema>;
export type Int8Transform = Exclude<ArtifactTransform, "none">;

/**
 * The operators each INT8 transform rewrites to integer kernels. The quantizers (src/onnx/quantize) rewrite these and
 * no others, and the projections count these operators' FLOPs as the share that runs at INT8 speed.
 */
export const INT8_REWRITTEN_OPERATORS: Record<Int8Transform, readonly string[]> = {
  "dynamic-int8": ["MatMul", "Gemm"],
  "static-int8-qdq": ["Conv", "MatMul", "Gemm"],
};

export type ServingDevice = "cpu" | "nvidia-gpu";

/** Accelerators Triton drives through CUDA; anything else (Inferentia, Trainium, TPU) has no Triton GPU path. */
export function isNvidiaAccelerator(model: string): boolean {
  return !/inferentia|trainium|neuron|tpu/i.test(model);
}

/** The device a candidate serves on: its NVIDIA GPUs, else its CPUs; null for accelerators Triton cannot drive. */
export function servingDeviceOf(accelerator: { model: string } | null | undefined): ServingDevice | null {
  if (!accelerator) return "cpu";
  return isNvidiaAccelerator(accelerator.model) ? "nvidia-gpu" : null;
}

export interface ServingPath {
  /** The transforms whose output may be served (the one benched is used). */
  transforms: readonly ArtifactTransform[];
  /** Triton's ONNX Runtime backend: the TensorRT execution accelerator and its precision_mode, or none (plain CPU / CUDA). */
  tensorRtPrecisionMode: "FP16" | "INT8" | null;
  /** Why, for the README and the plan's assumptions. */
  note: string;
}

/**
 * The table precision × device → artifact + Triton config; null = not offered. FP16 on GPUs needs no FP16 file:
 * TensorRT builds FP16 engines from the FP32 model. GPU INT8 needs explicit quantization (QDQ); dynamic INT8
 * (MatMulInteger) is no TensorRT path. CPUs serve no FP16: the CPU provider computes FP16 MatMul/Conv in FP32.
 */
export const SERVING_PATHS: Record<ServingDevice, Record<Precision, ServingPath | null>> = {
  cpu: {
    fp32: { transforms: ["none"], tensorRtPrecisionMode: null, note: "the exported model on ONNX Runtime's CPU provider" },
    fp16: null,
    int8: {
      transforms: ["dynamic-int8", "static-int8-qdq"],
      tensorRtPrecisionMode: null,
      note:
        "the quantized model on ONNX Runtime's CPU provider (static QDQ with uint8 activations for convolutional models, dynamic for the rest), 7-bit weights unless every CPU the type can land on has VNNI, AMX or Arm dot products",
    },
  },
  "nvidia-gpu": {
    fp32: { transforms: ["none"], tensorRtPrecisionMode: null, note: "the exported model on ONNX Runtime's CUDA provider" },
    fp16: { transforms: ["none"], tensorRtPrecisionMode: "FP16", note: "the exported FP32 model; TensorRT builds FP16 engines from it (precision_mode FP16)" },
    int8: { transforms: ["static-int8-qdq"], tensorRtPrecisionMode: "INT8", note: "the QDQ model with symmetric int8 activations and 8-bit weights; TensorRT builds INT8 engines from its calibrated scales" },
  },
};

export function servingPath(device: ServingDevice, precision: Precision): ServingPath | null {
  return SERVING_PATHS[device][precision];
}
