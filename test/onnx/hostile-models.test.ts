// Models built to hurt: subgraphs nested 1,500 deep, inputs of 2^40 elements. One line and exit 1 each.
import { describe, expect, it } from "vitest";
import { WattplanError } from "../../src/errors.ts";
import { readModel } from "../../src/onnx/index.ts";
import { onnx, type GraphProto } from "../../src/onnx/proto.ts";
import { serializeModel } from "../../src/onnx/read-model.ts";
import { runCli } from "../cli/run-cli.ts";
import { DataType, GraphBuilder } from "./graphs.ts";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const scalarFloat = (name: string) => ({ name, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimValue: 1 }] } } } });

/** `depth` If nodes, each in the then-branch of the one above; the innermost passes x through. */
function nestedIfModel(depth: number): Uint8Array {
  let graph: GraphProto = onnx.GraphProto.create({ name: "g0", node: [{ opType: "Identity", input: ["x"], output: ["y0"] }], output: [scalarFloat("y0")] });
  for (let level = 1; level <= depth; level++) {
    const elseBranch = { name: `e${level}`, node: [{ opType: "Identity", input: ["x"], output: [`e${level}`] }], output: [scalarFloat(`e${level}`)] };
    graph = onnx.GraphProto.create({
      name: `g${level}`,
      node: [{ opType: "If", input: ["c"], output: [`y${level}`], attribute: [{ name: "then_branch", type: 5, g: graph }, { name: "else_branch", type: 5, g: elseBranch }] }],
      output: [scalarFloat(`y${level}`)],
    });
  }
  graph.input = [scalarFloat("x"), { name: "c", type: { tensorType: { elemType: DataType.BOOL, shape: { dim: [] } } } }];
  return serializeModel(onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: "", version: 17 }], graph }));
}

describe("hostile models", () => {
  it("refuses subgraphs nested 1,500 deep in one line (the analysis would overflow the stack)", () => {
    let error: unknown;
    try {
      readModel(nestedIfModel(1500), "nested.onnx");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WattplanError);
    expect((error as Error).message).toBe("nested.onnx nests subgraphs (If, Loop, Scan) more than 64 levels deep");
    expect(() => readModel(nestedIfModel(4), "four.onnx")).not.toThrow();
  });

  it("answers an input of 2^40 elements, or a --shape of 99999999999, with one line and exit 1", async () => {
    const directory = await mkdtemp(join(tmpdir(), "wattplan-hostile-"));
    const graph = new GraphBuilder("huge");
    graph.addInput("x", DataType.FLOAT, [1, 2 ** 40]);
    graph.addNode("Relu", ["x"], {}, ["y"]);
    graph.addOutput("y", DataType.FLOAT, [1, 2 ** 40]);
    const model = join(directory, "huge.onnx");
    await writeFile(model, graph.serialize());
    const huge = await runCli(["bench", model, "--threads", "1", "--budget-seconds", "1"]);
    expect(huge.code).toBe(1);
    expect(huge.stderr.split("\n")[0]).toBe("wattplan: input 'x' would hold 1,099,511,627,776 elements at batch 1 (shape [1, 1099511627776]); a benchmark input holds at most 268,435,456");
    const silero = "node_modules/@ricky0123/vad-web/dist/silero_vad_legacy.onnx";
    const shape = await runCli(["bench", silero, "--input", "sr=16000", "--shape", "input=99999999999", "--threads", "1", "--budget-seconds", "1"]);
    expect(shape.code).toBe(1);
    expect(shape.stderr).toMatch(/^wattplan: input 'input' would hold 99,999,999,999 elements/);
  });
});
