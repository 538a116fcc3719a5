import { describe, expect, it } from "vitest";
import { analyze, DataType, GraphBuilder, singleInputModel, zeros } from "./graphs.ts";
import { wattplanErrorOf } from "../wattplan-error.ts";

describe("shape inference", () => {
  it("broadcasts elementwise operands numpy-style", () => {
    const graph = new GraphBuilder("broadcast");
    graph.addInput("a", DataType.FLOAT, [4, 1, 3]);
    graph.addInput("b", DataType.FLOAT, [5, 1]);
    graph.addNode("Mul", ["a", "b"], {}, ["y"]);
    graph.addOutput("y", DataType.FLOAT, []);
    const analysis = analyze(graph.serialize());
    expect(analysis.resolvedOutputShapes.y).toEqual([4, 5, 3]);
    expect(analysis.cost.flopsByOperator.Mul).toBe(4 * 5 * 3);
  });

  it("Reshape copies a 0 dimension and infers a -1 one", () => {
    const bytes = singleInputModel(["batch", 6, 4], (graph, x) => graph.addNode("Reshape", [x, graph.addInt64("shape", [0, -1, 2])]));
    expect(analyze(bytes, { batchSize: 3 }).resolvedOutputShapes.y).toEqual([3, 12, 2]);
  });

  it("Resize finds its scales where each opset puts them (10: input 1; 11+: input 2 after roi; 18+: per listed axis)", () => {
    const scaled = (opset: number, inputs: (graph: GraphBuilder, x: string, scales: string) => string[], attributes = {}) =>
      singleInputModel(["batch", 3, 8, 8], (graph, x) => graph.addNode("Resize", inputs(graph, x, graph.addInitializer("scales", [Object.keys(attributes).length ? 2 : 4], Object.keys(attributes).length ? Float32Array.of(2, 2) : Float32Array.of(1, 1, 2, 2))), attributes), opset);
    for (const bytes of [
      scaled(10, (_, x, scales) => [x, scales]),
      scaled(13, (_, x, scales) => [x, "", scales]),
      scaled(18, (_, x, scales) => [x, "", scales], { axes: [2, 3] }),
    ]) {
      const analysis = analyze(bytes);
      expect(analysis.resolvedOutputShapes.y).toEqual([1, 3, 16, 16]);
      expect(analysis.cost.flopsByOperator.Resize).toBe(3 * 16 * 16);
    }
  });

  it("Transpose permutes, Concat sums the axis, Slice clamps and steps", () => {
    const bytes = singleInputModel([2, 3, 10], (graph, x) => {
      const transposed = graph.addNode("Transpose", [x], { perm: [2, 0, 1] }); // [10, 2, 3]
      const joined = graph.addNode("Concat", [transposed, transposed], { axis: -1 }); // [10, 2, 6]
      const starts = graph.addInt64("starts", [1, -100]);
      const ends = graph.addInt64("ends", [1000, 5]);
      const axes = graph.addInt64("axes", [0, 2]);
      const steps = graph.addInt64("steps", [3, 2]);
      return graph.addNode("Slice", [joined, starts, ends, axes, steps]); // axis 0: 1,4,7 → 3; axis 2: 0,2,4 → 3
    });
    expect(analyze(bytes).resolvedOutputShapes.y).toEqual([3, 2, 3]);
  });

  it("propagates small integer values: Shape → Gather → Unsqueeze → Concat → Reshape", () => {
    const bytes = singleInputModel(["batch", 8, 16], (graph, x) => {
      const shape = graph.addNode("Shape", [x]);
      const batch = graph.addNode("Unsqueeze", [graph.addNode("Gather", [shape, graph.addInt64("zero", [0], [])], { axis: 0 }), graph.addInt64("axis0", [0])]);
      const target = graph.addNode("Concat", [batch, graph.addInt64("rest", [4, 32])], { axis: 0 });
      return graph.addNode("Reshape", [x, target]);
    });
    expect(analyze(bytes, { batchSize: 5 }).resolvedOutputShapes.y).toEqual([5, 4, 32]);
  });

  it("folds ConstantOfShape, Range, Cast and arithmetic on shape values", () => {
    const bytes = singleInputModel([2, 6], (graph, x) => {
      const width = graph.addNode("Gather", [graph.addNode("Shape", [x]), graph.addInt64("one", [1], [])], { axis: 0 }); // 6
      const half = graph.addNode("Div", [width, graph.addInt64("two", [2], [])]); // 3
      const steps = graph.addNode("Range", [graph.addInt64("start", [0], []), half, graph.addInt64("delta", [1], [])]); // [0,1,2]
      const count = graph.addNode("Cast", [graph.addNode("Shape", [steps])], { to: DataType.INT64 }); // [3]
      const filled = graph.addNode("ConstantOfShape", [graph.addNode("Concat", [count, count], { axis: 0 })]); // [3, 3]
      return graph.addNode("MatMul", [filled, filled]);
    });
    const analysis = analyze(bytes);
    expect(analysis.resolvedOutputShapes.y).toEqual([3, 3]);
    expect(analysis.cost.flopsByOperator.MatMul).toBe(2 * 3 * 3 * 3);
  });

  it("takes the If branch a control input selects, and counts only that branch", () => {
    const model = ifModel();
    const sixteen = analyze(model, { inputValues: { sr: 16000 } });
    const eight = analyze(model, { inputValues: { sr: 8000 } });
    expect(sixteen.cost.flopsByOperator.MatMul).toBe(2 * 4 * 64);
    expect(sixteen.resolvedOutputShapes.y).toEqual([1, 64]);
    expect(eight.cost.flopsByOperator.MatMul).toBe(2 * 4 * 8);
    expect(eight.resolvedOutputShapes.y).toEqual([1, 8]);
    expect(sixteen.warnings).toEqual([]);
  });

  it("refuses to guess an If branch that depends on an input the user can give, naming the input", () => {
    expect(() => analyze(ifModel())).toThrow(/^the value of input 'sr' decides which branch of If node \S+ runs, but was not given$/);
  });

  it("counts a Loop body once per iteration and stacks its scan outputs", () => {
    const body = new GraphBuilder("body");
    body.addInput("iteration", DataType.INT64, []);
    body.addInput("condition_in", DataType.BOOL, []);
    body.addInput("state_in", DataType.FLOAT, [1, 4]);
    body.addInitializer("w", [4, 4], zeros(16));
    body.addNode("Identity", ["condition_in"], {}, ["condition_out"]);
    body.addNode("MatMul", ["state_in", "w"], {}, ["state_out"]);
    body.addNode("Relu", ["state_out"], {}, ["scanned"]);
    body.addOutput("condition_out", DataType.BOOL, []);
    body.addOutput("state_out", DataType.FLOAT, [1, 4]);
    body.addOutput("scanned", DataType.FLOAT, [1, 4]);
    const graph = new GraphBuilder("loop");
    graph.addInput("x", DataType.FLOAT, [1, 4]);
    graph.addInt64("trips", [5], []);
    graph.addNode("Loop", ["trips", "", "x"], { body: body.graph() }, ["final", "stacked"]);
    graph.addOutput("final", DataType.FLOAT, []);
    graph.addOutput("stacked", DataType.FLOAT, []);
    const analysis = analyze(graph.serialize());
    expect(analysis.cost.flopsByOperator.MatMul).toBe(5 * 2 * 4 * 4);
    expect(analysis.resolvedOutputShapes).toEqual({ final: [1, 4], stacked: [5, 1, 4] });
    expect(analysis.cost.parameterCount).toBe(16);
  });

  it("a Loop trip count taken from an input needs that input's value", () => {
    const body = new GraphBuilder("body");
    body.addInput("iteration", DataType.INT64, []);
    body.addInput("condition_in", DataType.BOOL, []);
    body.addInput("state_in", DataType.FLOAT, [1, 4]);
    body.addNode("Identity", ["condition_in"], {}, ["condition_out"]);
    body.addNode("Relu", ["state_in"], {}, ["state_out"]);
    body.addOutput("condition_out", DataType.BOOL, []);
    body.addOutput("state_out", DataType.FLOAT, [1, 4]);
    const graph = new GraphBuilder("loop");
    graph.addInput("x", DataType.FLOAT, [1, 4]);
    graph.addInput("steps", DataType.INT64, []);
    graph.addNode("Loop", ["steps", "", "x"], { body: body.graph() }, ["final"]);
    graph.addOutput("final", DataType.FLOAT, []);
    const bytes = graph.serialize();
    expect(wattplanErrorOf(() => analyze(bytes)).detail).toEqual({ option: "inputValues", entry: "steps", example: "VALUE" });
    expect(analyze(bytes, { inputValues: { steps: 6 } }).cost.flopsByOperator.Relu).toBe(6 * 4);
  });

  it("counts a Scan body once per slice of the scanned axis", () => {
    const body = new GraphBuilder("body");
    body.addInput("sum_in", DataType.FLOAT, [3]);
    body.addInput("row", DataType.FLOAT, [3]);
    body.addNode("Add", ["sum_in", "row"], {}, ["sum_out"]);
    body.addNode("Mul", ["row", "row"], {}, ["squared"]);
    body.addOutput("sum_out", DataType.FLOAT, [3]);
    body.addOutput("squared", DataType.FLOAT, [3]);
    const graph = new GraphBuilder("scan");
    graph.addInput("initial", DataType.FLOAT, [3]);
    graph.addInput("rows", DataType.FLOAT, [7, 3]);
    graph.addNode("Scan", ["initial", "rows"], { body: body.graph(), num_scan_inputs: 1 }, ["total", "squares"]);
    graph.addOutput("total", DataType.FLOAT, []);
    graph.addOutput("squares", DataType.FLOAT, []);
    const analysis = analyze(graph.serialize());
    expect(analysis.cost.flopsPerInference).toBe(7 * (3 + 3));
    expect(analysis.resolvedOutputShapes).toEqual({ total: [3], squares: [7, 3] });
  });
});

describe("what the analysis cannot know", () => {
  it("an unknown operator counts 0 FLOPs, is listed and warned about, and does not crash", () => {
    const bytes = singleInputModel([1, 8], (graph, x) => {
      const mystery = graph.addNode("FancyActivation", [x], {}, undefined, "com.example");
      return graph.addNode("Relu", [mystery]);
    });
    const analysis = analyze(bytes);
    expect(analysis.cost.unknownOperators).toEqual(["com.example.FancyActivation"]);
    expect(analysis.cost.flopsByOperator["com.example.FancyActivation"]).toBe(0);
    expect(analysis.warnings.join("\n")).toMatch(/unknown operator com\.example\.FancyActivation/);
  });

  it("an unresolved input dimension is an error naming it, with the shape to give", () => {
    const bytes = singleInputModel(["batch", "sequence", 16], (graph, x) => graph.addNode("Relu", [x]));
    const error = wattplanErrorOf(() => analyze(bytes));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(/'sequence'.*input 'x'/);
    expect(error.hint).toBe("give it in shapes: { x: [1, sequence, 16] }");
    expect(error.detail).toEqual({ option: "shapes", entry: "x", example: "1,sequence,16" });
    expect(analyze(bytes, { shapes: { x: [1, 20, 16] } }).resolvedOutputShapes.y).toEqual([1, 20, 16]);
    expect(analyze(bytes, { shapes: { sequence: [20] } }).resolvedOutputShapes.y).toEqual([1, 20, 16]);
    expect(analyze(bytes, { batchSize: 4, shapes: { x: [20, 16] } }).resolvedInputShapes.x).toEqual([4, 20, 16]);
  });

  it("finds the batch where it is named, not only first: [sequence, batch, features]", () => {
    const bytes = singleInputModel(["sequence", "batch", 12], (graph, x) => graph.addNode("Relu", [x]));
    expect(wattplanErrorOf(() => analyze(bytes, { batchSize: 4 })).message).toMatch(/dimension 0 'sequence'/);
    const analysis = analyze(bytes, { batchSize: 4, shapes: { sequence: [30] } });
    expect(analysis.resolvedInputShapes.x).toEqual([30, 4, 12]);
    expect(analysis.cost.flopsPerInference).toBe(30 * 12);
    expect(analyze(bytes, { batchSize: 4, shapes: { x: [30, 12] } }).resolvedInputShapes.x).toEqual([30, 4, 12]);
  });

  it("a shape that depends on an input's value not given is an error naming the input", () => {
    const graph = new GraphBuilder("needs-value");
    graph.addInput("x", DataType.FLOAT, [12]);
    graph.addInput("columns", DataType.INT64, [1]);
    const rows = graph.addInt64("rows", [-1]);
    graph.addNode("Reshape", ["x", graph.addNode("Concat", [rows, "columns"], { axis: 0 })], {}, ["y"]);
    graph.addOutput("y", DataType.FLOAT, []);
    const bytes = graph.serialize();
    const error = wattplanErrorOf(() => analyze(bytes));
    expect(error.message).toMatch(/input 'columns' is needed/);
    expect(error.hint).toBe("give its value (inputValues.columns; model.inputs.columns in a spec)");
    expect(error.detail).toEqual({ option: "inputValues", entry: "columns", example: "VALUE" });
    expect(analyze(bytes, { inputValues: { columns: [3] } }).resolvedOutputShapes.y).toEqual([4, 3]);
  });

  it("rejects shapes and input values for names that are not inputs, and shapes that contradict the model", () => {
    const bytes = singleInputModel(["batch", 16], (graph, x) => graph.addNode("Relu", [x]));
    expect(wattplanErrorOf(() => analyze(bytes, { shapes: { nope: [1, 2] } })).message).toMatch(/'nope', which is not an input.*inputs: x/);
    expect(wattplanErrorOf(() => analyze(bytes, { inputValues: { nope: 1 } })).message).toMatch(/a value is given for 'nope', which is not an input/);
    expect(wattplanErrorOf(() => analyze(bytes, { shapes: { x: [1, 17] } })).message).toMatch(/fixed to 16/);
    expect(wattplanErrorOf(() => analyze(bytes, { batchSize: 0 })).message).toMatch(/batch size/);
  });
});

/** sr == 16000 → a [4 × 64] MatMul; otherwise a [4 × 8] one. The condition is computed in the graph, as Silero does. */
function ifModel(): Uint8Array {
  const branch = (name: string, columns: number) => {
    const graph = new GraphBuilder(name);
    graph.addInitializer(`${name}.w`, [4, columns], zeros(4 * columns));
    graph.addNode("MatMul", ["x", `${name}.w`], {}, [`${name}.out`]);
    graph.addOutput(`${name}.out`, DataType.FLOAT, [1, columns]);
    return graph.graph();
  };
  const graph = new GraphBuilder("if");
  graph.addInput("x", DataType.FLOAT, [1, 4]);
  graph.addInput("sr", DataType.INT64, []);
  const condition = graph.addNode("Equal", ["sr", graph.addInt64("wide_rate", [16000], [])]);
  graph.addNode("If", [condition], { then_branch: branch("wide", 64), else_branch: branch("narrow", 8) }, ["y"]);
  graph.addOutput("y", DataType.FLOAT, []);
  return graph.serialize();
}
