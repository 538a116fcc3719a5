// The Triton model config is generated once for all clouds; parse what instances will read.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tritonModelConfig, type TritonConfigInput } from "../../src/infra/triton-config.ts";
import { parseTextProto, type TextMessage } from "./pbtxt.ts";

const base: TritonConfigInput = {
  modelName: "resnet50",
  batchSize: 8,
  maxQueueDelayMs: 10,
  precision: "int8",
  replicas: 4,
  threadsPerReplica: 2,
  accelerator: undefined,
  planId: "a".repeat(64),
  candidateKey: "aws/eu-north-1/c7g.2xlarge/int8/b8",
};

const group = (config: TextMessage) => (config.instance_group as TextMessage[])[0];

describe("Triton model config", () => {
  it("carries the plan's batch size, queue delay and CPU replicas", () => {
    const config = parseTextProto(tritonModelConfig(base));
    expect(config.name).toBe("resnet50");
    expect(config.backend).toBe("onnxruntime");
    expect(config.max_batch_size).toBe(8);
    expect(config.dynamic_batching).toEqual({ preferred_batch_size: [8], max_queue_delay_microseconds: 10_000 });
    expect(group(config)).toEqual({ count: 4, kind: "KIND_CPU" });
    const parameters = config.parameters as TextMessage[];
    expect(parameters.find((parameter) => parameter.key === "intra_op_thread_count")?.value).toEqual({ string_value: "2" });
  });

  it("puts instances on the GPU for NVIDIA accelerators and notes the precision", () => {
    const text = tritonModelConfig({ ...base, accelerator: { model: "T4", count: 1, memoryGb: 16 }, precision: "fp32", batchSize: 16, maxQueueDelayMs: 2.5 });
    const config = parseTextProto(text);
    expect(group(config)).toEqual({ count: 1, kind: "KIND_GPU" });
    expect(config.max_batch_size).toBe(16);
    expect((config.dynamic_batching as TextMessage).max_queue_delay_microseconds).toBe(2500);
    expect(config.parameters).toBeUndefined();
    // FP32 on a GPU: the CUDA provider, no TensorRT.
    expect(config.optimization).toBeUndefined();
    expect(text).toMatch(/^# Precision: fp32, the exported model on ONNX Runtime's CUDA provider\.$/m);
    expect(tritonModelConfig(base)).toMatch(/^# Precision: int8, the quantized model on ONNX Runtime's CPU provider/m);
  });

  it("serves FP16 and INT8 on NVIDIA GPUs through the TensorRT accelerator with the serving table's precision mode", () => {
    const t4 = { model: "T4", count: 1, memoryGb: 16 };
    const acceleratorOf = (precision: "fp16" | "int8") => {
      const config = parseTextProto(tritonModelConfig({ ...base, accelerator: t4, precision }));
      return ((config.optimization as TextMessage).execution_accelerators as TextMessage).gpu_execution_accelerator as TextMessage[];
    };
    for (const [precision, mode] of [["fp16", "FP16"], ["int8", "INT8"]] as const) {
      const [tensorRt] = acceleratorOf(precision);
      expect(tensorRt.name).toBe("tensorrt");
      expect(tensorRt.parameters).toEqual([
        { key: "precision_mode", value: mode },
        { key: "trt_engine_cache_enable", value: "1" },
        { key: "trt_engine_cache_path", value: "/trt-cache" },
      ]);
    }
  });

  it("refuses what the serving table does not offer: FP16 on CPUs", () => {
    expect(() => tritonModelConfig({ ...base, precision: "fp16" })).toThrow("fp16 is not served on CPUs");
  });

  it("serves a model whose inputs fix the batch unbatched: max_batch_size 0, no dynamic batcher", () => {
    const config = parseTextProto(tritonModelConfig({ ...base, batchSize: 1, fixedBatch: true }));
    expect(config.max_batch_size).toBe(0);
    expect(config.dynamic_batching).toBeUndefined();
  });

  it("leaves the dynamic batcher out when the plan does not batch", () => {
    const config = parseTextProto(tritonModelConfig({ ...base, batchSize: 1 }));
    expect(config.max_batch_size).toBe(1);
    expect(config.dynamic_batching).toBeUndefined();
  });

  it("always parses and round-trips batch size and queue delay", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 64 }), (batchSize, delayMs, replicas) => {
        const config = parseTextProto(tritonModelConfig({ ...base, batchSize, maxQueueDelayMs: delayMs, replicas }));
        expect(config.max_batch_size).toBe(batchSize);
        if (batchSize > 1) expect((config.dynamic_batching as TextMessage).max_queue_delay_microseconds).toBe(Math.round(delayMs * 1000));
        expect(group(config).count).toBe(replicas);
      }),
      { numRuns: 200 },
    );
  });

  it("the test parser rejects malformed text (so the checks above can fail)", () => {
    expect(() => parseTextProto("max_batch_size: 8\ninstance_group [ { count: 1 ")).toThrow();
    expect(() => parseTextProto("name \"x\"")).toThrow();
  });
});
