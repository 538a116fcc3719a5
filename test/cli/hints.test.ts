// The CLI's hints: the library names the option, the CLI names the flag that sets it.
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { flagHints, hintFor } from "../../src/cli/hints.ts";
import { buildProgram } from "../../src/cli/program.ts";
import { WattplanError, type OptionName } from "../../src/errors.ts";

function programFlags(): Set<string> {
  const flags = new Set<string>();
  const visit = (command: Command) => {
    for (const option of command.options) if (option.long) flags.add(option.long);
    command.commands.forEach(visit);
  };
  visit(buildProgram());
  return flags;
}

describe("hintFor", () => {
  it("names the flag and the value to copy where the error says which option held the bad value", () => {
    const error = new WattplanError("INVALID_INPUT", "dimension 1 'sequence' of input 'x' is not fixed by the model", "give it in shapes: { x: [1, sequence] }", {
      option: "shapes",
      entry: "x",
      example: "1,sequence",
    });
    expect(hintFor(error)).toBe("pass --shape x=1,sequence (in a spec: model.shapes)");
    expect(hintFor(new WattplanError("REFUSED", "edited by hand", "emit with force", { option: "force" }))).toBe("re-run with --force to replace them with the plan's values");
  });

  it("keeps the library's hint where the error names no option", () => {
    expect(hintFor(new WattplanError("INVALID_SPEC", "traffic.meanRps: expected a number", "see examples/spec.yaml"))).toBe("see examples/spec.yaml");
    expect(hintFor(new WattplanError("INVALID_INPUT", "no hint"))).toBeUndefined();
  });

  it("names only flags the CLI has, for every option a library error can point at", () => {
    const flags = programFlags();
    for (const [option, hint] of Object.entries(flagHints) as [OptionName, (typeof flagHints)[OptionName]][]) {
      const named = hint({ option }).match(/--[a-z][a-z-]*/g) ?? [];
      expect(named.length, `the hint for ${option} names no flag`).toBeGreaterThan(0);
      for (const flag of named) expect(flags, `the hint for ${option} names ${flag}`).toContain(flag);
    }
  });
});
