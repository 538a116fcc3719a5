// The compiled code runs under plain Node (bin/wattplan.cjs, Pulumi.yaml's main, a project that installs wattplan),
// whose ESM resolver takes no folder for a module: `@pulumi/azure-native/compute` works under tsx and vitest but fails
// there (ERR_UNSUPPORTED_DIR_IMPORT) the moment the code loads it. Every package path the sources import at run time
// must resolve, under plain Node, to a file.
import { execFileSync } from "node:child_process";
import { isBuiltin } from "node:module";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../compiled.ts";
import { importEdges } from "./import-graph.ts";

const specifiers = [
  ...new Set(
    importEdges(repositoryRoot, ["src", "policy"])
      .filter((edge) => !edge.internal && !edge.typeOnly && !isBuiltin(edge.specifier))
      .map((edge) => edge.specifier),
  ),
].sort();

/** Each specifier's resolution by plain node from the repository root: "file", "folder" or the resolver's error code. */
function resolveUnderPlainNode(names: string[]): Record<string, string> {
  const script = `
    import { statSync } from "node:fs";
    import { fileURLToPath } from "node:url";
    const result = {};
    for (const name of JSON.parse(process.argv[1])) {
      try {
        const url = import.meta.resolve(name);
        result[name] = url.startsWith("file:") && statSync(fileURLToPath(url)).isDirectory() ? "folder" : "file";
      } catch (error) {
        result[name] = error.code ?? String(error);
      }
    }
    process.stdout.write(JSON.stringify(result));`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(names)], { cwd: repositoryRoot, encoding: "utf8" }));
}

describe("package paths under plain Node", () => {
  it("every package path imported at run time resolves to a file (Azure submodules by their index.js)", () => {
    expect(specifiers.length).toBeGreaterThan(20);
    expect(specifiers).toContain("@pulumi/azure-native/compute/index.js");
    const unresolved = Object.entries(resolveUnderPlainNode(specifiers)).filter(([, outcome]) => outcome !== "file");
    expect(unresolved).toEqual([]);
  });
});
