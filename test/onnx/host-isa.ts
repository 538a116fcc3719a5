// The INT8 instruction class of the machine the tests run on, for the few expectations that depend on it (whether
// full-range INT8 weights compute correctly here). Read through bench's own probe, as `bench` does; every such
// expectation goes through src/domain/int8-isa.ts, never through this host's speed.
import { probeHost } from "../../src/bench/host-probe.ts";
import { int8IsaClassOfFlags, needsReducedInt8Range, type Int8IsaClass } from "../../src/domain/int8-isa.ts";

const host = await probeHost();

export const hostInt8Isa: Int8IsaClass = int8IsaClassOfFlags(host.isaFlags);

/** True where onnxruntime's u8 × s8 kernels saturate with 8-bit weights, so 8-bit accuracy cannot be checked here. */
export const eightBitSaturatesHere = needsReducedInt8Range(hostInt8Isa);

export const eightBitSkipReason = `8-bit INT8 weights are not checked on this host: its INT8 class is ${hostInt8Isa} (${host.cpuModel}), whose u8 × s8 kernels saturate with ±127 weights`;
