// One run of a model file on fixed inputs, its float outputs read back: what drift compares.
import type { OutputTensor } from "./drift.ts";
import { createSession, runSession, type Feeds, type Outputs, type SessionSettings } from "./ort-session.ts";

export async function floatOutputsOf(model: Uint8Array, feeds: Feeds, label: string, settings: SessionSettings): Promise<OutputTensor[]> {
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
