// The one place sessions are created: fixed options for every cell, and onnxruntime's failures turned into
// one-line errors a user can act on.
import * as ort from "onnxruntime-node";
import { WattplanError } from "../errors.ts";
import type { ExecutionProvider } from "../domain/profile.ts";

export type Session = ort.InferenceSession;
export type Feeds = Record<string, ort.Tensor>;
export type Outputs = ort.InferenceSession.OnnxValueMapType;

export interface SessionSettings {
  intraOpThreads: number;
  executionProvider: ExecutionProvider;
  /** The model file's folder: where its external data (weights in separate files) lives. */
  externalDataDirectory?: string;
}

/** Fatal only: onnxruntime's own coloured warnings and errors would bury the one line we print for them. */
const FATAL_ONLY = 4;

export async function createSession(model: Uint8Array, label: string, settings: SessionSettings): Promise<Session> {
  try {
    return await ort.InferenceSession.create(model, {
      executionProviders: [settings.executionProvider],
      intraOpNumThreads: settings.intraOpThreads,
      // One operator at a time: the intra-op pool is what the thread count measures.
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
      logSeverityLevel: FATAL_ONLY,
      // A model read from bytes resolves external data against the working directory unless told its folder.
      ...(settings.externalDataDirectory ? { extra: { session: { model_external_initializers_file_folder_path: settings.externalDataDirectory } } } : {}),
    });
  } catch (error) {
    throw new WattplanError(
      "INVALID_MODEL",
      `onnxruntime rejected ${label}: ${firstLine(error)}`,
      "check that the model loads in onnxruntime (opset and operators supported by the CPU provider)",
    );
  }
}

export async function runSession(session: Session, feeds: Feeds, label: string): Promise<Outputs> {
  try {
    return await session.run(feeds);
  } catch (error) {
    throw new WattplanError(
      "INVALID_MODEL",
      `onnxruntime failed to run ${label}: ${firstLine(error)}`,
      "check the input shapes and control values given (shapes, inputValues; model.inputs in a spec)",
    );
  }
}

/** onnxruntime's messages carry source paths and multi-line detail; the user needs the first sentence. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n").find((text) => text.trim() !== "") ?? message;
  // "/onnxruntime_src/.../file.cc:136 function(args) real message": keep the message.
  const withoutSource = line.replace(/^\S*\.(cc|cpp|h):\d+\s+/, "").replace(/^[^\s]*::\S+\([^)]*\)(\s*::<lambda\(\)>)?\s*/, "");
  return withoutSource.trim().slice(0, 300);
}

export function tensor(elementType: string, data: ort.Tensor.DataType, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor(elementType as ort.Tensor.Type, data as never, dims);
}

export { ort };
