// Einsum without ellipsis ("bhid,bhjd->bhij"): every combination of the distinct indices is one multiply-add per
// pair of operands (a contraction of n operands multiplies n − 1 times and adds once), so
// FLOPs = Π(size of every distinct index) · max(1, 2·(operands − 1)). One operand (a transpose or a sum) counts
// one operation per combination.
import { ShapeUnknownError } from "../tensor-value.ts";
import type { OperatorRule } from "./operator-rule.ts";

export const einsum: OperatorRule = (context) => {
  const equation = context.string("equation", "").replace(/\s+/g, "");
  if (equation.includes(".")) throw new ShapeUnknownError(`Einsum with an ellipsis ('${equation}') is not analysed`);
  const [left, right] = equation.split("->");
  const operands = left.split(",");
  if (operands.length !== context.inputCount) throw new ShapeUnknownError(`Einsum '${equation}' names ${operands.length} operands, got ${context.inputCount}`);
  const sizes = new Map<string, number>();
  const occurrences = new Map<string, number>();
  operands.forEach((letters, index) => {
    const shape = context.shape(index);
    if (letters.length !== shape.length) throw new ShapeUnknownError(`Einsum operand ${index} '${letters}' does not match rank ${shape.length}`);
    [...letters].forEach((letter, axis) => {
      sizes.set(letter, Math.max(sizes.get(letter) ?? 1, shape[axis]));
      occurrences.set(letter, (occurrences.get(letter) ?? 0) + 1);
    });
  });
  // Implicit output: the indices that appear once, in alphabetical order.
  const output = right ?? [...occurrences].filter(([, count]) => count === 1).map(([letter]) => letter).sort().join("");
  const shape = [...output].map((letter) => sizes.get(letter) ?? 1);
  const combinations = [...sizes.values()].reduce((product, size) => product * size, 1);
  return {
    outputs: [{ elementType: context.elementType(0), shape }],
    flops: combinations * Math.max(1, 2 * (operands.length - 1)),
    multiplyAccumulates: combinations * (operands.length - 1),
  };
};
