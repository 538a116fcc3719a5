// What a whole analysis shares, apart from the walk itself: graph walkers (analyze-graph.ts) and the If/Loop/Scan
// rules (control-flow.ts) both depend on this, not on each other.
import type { GraphProto } from "../proto.ts";
import type { CostAccumulator } from "./cost-accumulator.ts";
import type { Scope } from "./scope.ts";

/** State shared by a whole analysis: the opset, and the notes that become warnings. */
export interface AnalysisRun {
  opset: number;
  warnings: string[];
  /** Nodes whose outputs could not be inferred, with why. */
  skippedNodes: string[];
}

/** Walks one graph into the accumulator; control-flow rules call it back for their subgraphs. */
export type GraphAnalyzer = (graph: GraphProto, scope: Scope, run: AnalysisRun, accumulator: CostAccumulator) => void;
