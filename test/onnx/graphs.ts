// Small graphs for the analysis tests, written with the project's GraphBuilder.
import { GraphBuilder, type Dimension } from "../../src/onnx/build/graph-builder.ts";
import { DataType } from "../../src/onnx/proto.ts";
import { analyzeModel, readModel, type AnalysisOptions, type ModelAnalysis } from "../../src/onnx/index.ts";

export { GraphBuilder, DataType };

export function zeros(count: number): Float32Array {
  return new Float32Array(count);
}

/** A graph with one float input, built by `body`, whose last node output becomes the graph output "y". */
export function singleInputModel(inputShape: Dimension[], body: (graph: GraphBuilder, input: string) => string, opset = 17): Uint8Array {
  const graph = new GraphBuilder("test");
  const input = graph.addInput("x", DataType.FLOAT, inputShape);
  const output = body(graph, input);
  graph.addNode("Identity", [output], {}, ["y"]);
  graph.addOutput("y", DataType.FLOAT, []);
  return graph.serialize(opset);
}

export function analyze(bytes: Uint8Array, options: Partial<AnalysisOptions> = {}): ModelAnalysis {
  return analyzeModel(readModel(bytes, "test.onnx"), { batchSize: 1, ...options });
}
