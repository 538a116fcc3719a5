// --shape values as users copy them from the "not fixed by the model" hint: a name or placeholder where a size goes is
// one line saying which to replace; only a real dimension name is offered as a flag of its own.
import { describe, expect, it } from "vitest";
import { parseShapeFlags } from "../../src/cli/model-input-options.ts";
import { WattplanError } from "../../src/errors.ts";

function failure(value: string): { message: string; hint?: string } {
  try {
    parseShapeFlags([value]);
  } catch (error) {
    if (error instanceof WattplanError) return { message: error.message, hint: error.hint };
    throw error;
  }
  throw new Error(`--shape ${value} was accepted`);
}

describe("--shape", () => {
  it("reads sizes", () => {
    expect(parseShapeFlags(["x=1,3,640,640", "sequence=128"])).toEqual({ x: [1, 3, 640, 640], sequence: [128] });
  });

  it("names the dimension left in a copied shape and offers it alone", () => {
    expect(failure("x=1,3,p2o.DynamicDimension.1,p2o.DynamicDimension.2")).toEqual({
      message: "--shape x: 'p2o.DynamicDimension.1' is a dimension's name, not its size",
      hint: "give a number for each dimension the model leaves open, --shape x=1,3,N,N, or that named dimension alone, --shape p2o.DynamicDimension.1=N",
    });
  });

  it("does not offer an unnamed dimension's placeholder, the letter N or an expression as a name", () => {
    for (const value of ["x=1,3,D2,D3", "x=1,3,N,N", "x=1,past_sequence_length + 1"]) {
      const { message, hint } = failure(value);
      expect(message, value).toMatch(/^--shape x: '.+' is not a size$/);
      expect(hint, value).toMatch(/^give a number for each dimension the model leaves open, --shape x=1,(3,N,N|N)$/);
    }
  });

  it("keeps the integer error for numbers that are not sizes", () => {
    expect(failure("x=1,-1").message).toBe("--shape x takes non-negative integers, not '-1'");
    expect(failure("x=1,1e3").message).toBe("--shape x takes non-negative integers, not '1e3'");
  });
});
