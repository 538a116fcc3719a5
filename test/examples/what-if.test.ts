// examples/what-if.ts, run as a user runs it: through tsx, importing the package's public API.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../cli/run-cli.ts";

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: repositoryRoot, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("examples/what-if.ts", () => {
  it("examples/what-if.ts answers its three questions", async () => {
    const result = await run(["--import", "tsx", "examples/what-if.ts"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const question of ["What if we quantized to INT8?", "What if we had to stay in the EU?", "What if traffic tripled?"]) expect(result.stdout).toContain(question);
    expect(result.stdout).not.toContain("no feasible plan");
  });
});
