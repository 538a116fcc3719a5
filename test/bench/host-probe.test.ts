import { describe, expect, it } from "vitest";
import { parseCpuInfo, probeHost } from "../../src/bench/host-probe.ts";

describe("the host probe", () => {
  it("reads the model name and the ISA flags that matter on x86", () => {
    const text = [
      "processor\t: 0",
      "model name\t: Intel(R) Xeon(R) Platinum 8488C",
      "flags\t\t: fpu sse2 avx avx2 fma avx512f avx512bw avx512_vnni avx512_bf16 amx_bf16 amx_tile amx_int8",
      "",
      "processor\t: 1",
      "model name\t: Intel(R) Xeon(R) Platinum 8488C",
    ].join("\n");
    expect(parseCpuInfo(text)).toEqual({
      cpuModel: "Intel(R) Xeon(R) Platinum 8488C",
      isaFlags: ["avx", "avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_int8", "amx_bf16"],
    });
  });

  it("reads Arm features (NEON is asimd, plus SVE and the dot-product extensions)", () => {
    const text = "processor\t: 0\nBogoMIPS\t: 2100.00\nFeatures\t: fp asimd evtstrm aes asimddp sve sve2 i8mm bf16\nCPU implementer\t: 0x41";
    expect(parseCpuInfo(text)).toEqual({ cpuModel: null, isaFlags: ["asimd", "asimddp", "i8mm", "bf16", "sve", "sve2"] });
  });

  it("probes this machine without failing, even without /proc/cpuinfo", async () => {
    const host = await probeHost("/nonexistent/cpuinfo");
    expect(host.logicalCores).toBeGreaterThan(0);
    expect(host.memoryGb).toBeGreaterThan(0);
    expect(host.cpuModel.length).toBeGreaterThan(0);
    expect(host.isaFlags).toEqual([]);
  });
});
