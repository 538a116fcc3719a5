// Decoding an ONNX file into its protobuf form, with one-line errors for files that are not (whole) ONNX models.
import { createHash } from "node:crypto";
import { WattplanError } from "../errors.ts";
import { onnx, toNumber, type GraphProto, type ModelProto } from "./proto.ts";

export interface OnnxModel {
  /** What the user called it (usually the file path), for messages. */
  label: string;
  proto: ModelProto;
  irVersion: number;
  /** The default-domain opset the graph was written against. */
  opset: number;
  sizeBytes: number;
}

const hint = "pass an .onnx model file (export it with torch.onnx.export, tf2onnx or skl2onnx)";

/**
 * Subgraphs (If branches, Loop and Scan bodies) nested deeper than this are refused: real models nest a few levels
 * (Silero VAD four), and the analysis walks them recursively.
 */
export const MOST_SUBGRAPH_DEPTH = 64;

export function readModel(bytes: Uint8Array, label: string): OnnxModel {
  if (bytes.length === 0) throw new WattplanError("INVALID_MODEL", `${label} is empty, not an ONNX model`, hint);
  let proto: ModelProto;
  try {
    proto = onnx.ModelProto.decode(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const truncated = /index out of range|premature|truncated/i.test(reason);
    const what = truncated ? "is truncated or not an ONNX model" : "is not an ONNX model";
    throw new WattplanError("INVALID_MODEL", `${label} ${what} (protobuf decoding failed: ${reason})`, hint);
  }
  // Protobuf decoding is permissive: many non-ONNX byte strings decode into a message with nothing in it.
  const irVersion = toNumber(proto.irVersion);
  const graph = proto.graph;
  if (irVersion <= 0 || irVersion > 100 || !graph || ((graph.node?.length ?? 0) === 0 && (graph.output?.length ?? 0) === 0)) {
    throw new WattplanError("INVALID_MODEL", `${label} is not an ONNX model (no IR version or no graph in it)`, hint);
  }
  const depth = subgraphDepth(graph);
  if (depth > MOST_SUBGRAPH_DEPTH) {
    throw new WattplanError("INVALID_MODEL", `${label} nests subgraphs (If, Loop, Scan) more than ${MOST_SUBGRAPH_DEPTH} levels deep`, "real models nest a few levels; check how the model was exported");
  }
  const defaultDomain = (proto.opsetImport ?? []).find((entry) => !entry.domain || entry.domain === "ai.onnx");
  return { label, proto, irVersion, opset: defaultDomain ? toNumber(defaultDomain.version) : 1, sizeBytes: bytes.length };
}

/** How deep subgraphs nest below the main graph, counted without recursion (the file may be hostile). */
function subgraphDepth(root: GraphProto): number {
  let deepest = 0;
  const pending: Array<{ graph: GraphProto; depth: number }> = [{ graph: root, depth: 0 }];
  while (pending.length > 0) {
    const { graph, depth } = pending.pop()!;
    deepest = Math.max(deepest, depth);
    if (depth > MOST_SUBGRAPH_DEPTH) break;
    for (const node of graph.node ?? []) {
      for (const attribute of node.attribute ?? []) {
        if (attribute.g) pending.push({ graph: attribute.g, depth: depth + 1 });
        for (const subgraph of attribute.graphs ?? []) pending.push({ graph: subgraph, depth: depth + 1 });
      }
    }
  }
  return deepest;
}

export function modelSha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Encodes a ModelProto (from a builder or a transform) into the bytes onnxruntime and files take. */
export function serializeModel(proto: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(proto).finish();
}
