// Recurrent layers (LSTM, GRU, RNN), each unrolled over the sequence: FLOPs = steps × batch × directions × per-step
// cost, the per-step cost counted from the ONNX operator's equations with a multiply-add as 2 FLOPs.
import type { NodeContext } from "../node-context.ts";
import { ShapeUnknownError } from "../tensor-value.ts";
import type { OperatorRule } from "./operator-rule.ts";

/**
 * Per step, per sample, per direction, with H the hidden size and I the input size:
 *   LSTM: gates Xt·Wᵀ (4H × I) and Ht−1·Rᵀ (4H × H): 8H(I + H); summing the two: 4H; + 8H with the two bias
 *         vectors Wb, Rb; + 6H with peepholes (3 multiplies, 3 adds); 3 sigmoids + 2 tanh: 5H; Ct = f⊙Ct−1 + i⊙g:
 *         3H; Ht = o⊙tanh(Ct): H.  Total 8H(I + H) + 13H (+ 8H bias) (+ 6H peephole).
 *   GRU:  6H(I + H) for the gate products; 3H sums; + 6H with biases; 2 sigmoids + 1 tanh: 3H; r⊙(Rh·Ht−1): H;
 *         Ht = (1 − z)⊙h̃ + z⊙Ht−1: 4H.  Total 6H(I + H) + 11H (+ 6H bias).
 *   RNN:  2H(I + H); the sum: H; + 2H with biases; tanh: H.  Total 2H(I + H) + 2H (+ 2H bias).
 */
function perStepFlops(operator: "LSTM" | "GRU" | "RNN", hidden: number, inputSize: number, hasBias: boolean, hasPeephole: boolean): number {
  switch (operator) {
    case "LSTM":
      return 8 * hidden * (inputSize + hidden) + 13 * hidden + (hasBias ? 8 * hidden : 0) + (hasPeephole ? 6 * hidden : 0);
    case "GRU":
      return 6 * hidden * (inputSize + hidden) + 11 * hidden + (hasBias ? 6 * hidden : 0);
    case "RNN":
      return 2 * hidden * (inputSize + hidden) + 2 * hidden + (hasBias ? 2 * hidden : 0);
  }
}

function recurrentRule(operator: "LSTM" | "GRU" | "RNN"): OperatorRule {
  return (context: NodeContext) => {
    const batchFirst = context.int("layout", 0) === 1;
    const [first, second, inputSize] = context.shape(0);
    const [steps, batch] = batchFirst ? [second, first] : [first, second];
    const [directions, gateRows] = context.shape(1);
    const gates = operator === "LSTM" ? 4 : operator === "GRU" ? 3 : 1;
    const hidden = context.int("hidden_size", gateRows / gates);
    if (!Number.isInteger(hidden)) throw new ShapeUnknownError(`${context.name}: cannot tell the hidden size`);
    const hasBias = context.has(3);
    const hasPeephole = operator === "LSTM" && context.has(7);
    const elementType = context.elementType(0);
    const sequenceOutput = batchFirst ? [batch, steps, directions, hidden] : [steps, directions, batch, hidden];
    const stateOutput = batchFirst ? [batch, directions, hidden] : [directions, batch, hidden];
    const outputs = [
      { elementType, shape: sequenceOutput },
      { elementType, shape: stateOutput },
    ];
    if (operator === "LSTM") outputs.push({ elementType, shape: stateOutput });
    const instances = steps * batch * directions;
    return { outputs, flops: instances * perStepFlops(operator, hidden, inputSize, hasBias, hasPeephole), multiplyAccumulates: instances * gates * hidden * (inputSize + hidden) };
  };
}

export function recurrentRules(): Record<string, OperatorRule> {
  return { LSTM: recurrentRule("LSTM"), GRU: recurrentRule("GRU"), RNN: recurrentRule("RNN") };
}
