// Which device serves a candidate decides its artifact, its Triton config and whether TensorRT applies. Candidates
// and stack configs carry the accelerator's model only, so the rule reads the model name: checked here against every
// accelerator the catalog has, by the vendor the catalog records for it.
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { servingDeviceOf, servingPath } from "../../src/domain/serving.ts";

describe("servingDeviceOf", () => {
  it("serves on NVIDIA GPUs exactly the catalog's NVIDIA accelerators, and on CPUs what has none", () => {
    const accelerators = loadCatalog().accelerators;
    expect(accelerators.length).toBeGreaterThan(10);
    for (const accelerator of accelerators) {
      expect(servingDeviceOf(accelerator), `${accelerator.vendor} ${accelerator.model}`).toBe(accelerator.vendor === "NVIDIA" ? "nvidia-gpu" : null);
    }
    expect(servingDeviceOf(null)).toBe("cpu");
  });

  it("offers FP16 on NVIDIA GPUs only, and INT8 on GPUs only from a static QDQ file", () => {
    expect(servingPath("cpu", "fp16")).toBeNull();
    expect(servingPath("nvidia-gpu", "fp16")).not.toBeNull();
    expect(servingPath("nvidia-gpu", "int8")?.transforms).toEqual(["static-int8-qdq"]);
  });
});
