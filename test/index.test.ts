// The public API (src/index.ts) is the documented surface, and what the README and examples/ import is in it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.ts";

const repositoryRoot = fileURLToPath(new URL("../", import.meta.url));

/** The names a piece of TypeScript imports from "wattplan" (values and types). */
function namesImportedFromWattplan(code: string): string[] {
  return [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"wattplan"/g)].flatMap((match) =>
    match[1]
      .split(",")
      .map((name) => name.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0])
      .filter((name) => name !== ""),
  );
}

describe("the public API", () => {
  it("exports the documented functions, schemas and error classes, and no internals", () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        "plan",
        "parseSpecText",
        "planFromFiles",
        "loadCatalog",
        "bench",
        "compare",
        "whatIf",
        "emitStack",
        "renderMarkdown",
        "renderHtml",
        "postReportComment",
        "workloadSpecSchema",
        "modelProfileSchema",
        "catalogSchema",
        "planSchema",
        "candidateSchema",
        "PLAN_SCHEMA_VERSION",
        "planDiffSchema",
        "planSummarySchema",
        "stackConfigSchema",
        "WattplanError",
        "UnknownNameError",
        "StackConfigError",
      ].sort(),
    );
  });

  it("has every name the README's and examples' code imports from wattplan", () => {
    const apiDocs = readFileSync(join(repositoryRoot, "docs", "API.md"), "utf8");
    const readmeCode = [...readFileSync(join(repositoryRoot, "README.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]).join("\n");
    const exampleCode = readdirSync(join(repositoryRoot, "examples"))
      .filter((file) => file.endsWith(".ts"))
      .map((file) => readFileSync(join(repositoryRoot, "examples", file), "utf8"))
      .join("\n");
    const imported = [...new Set([...namesImportedFromWattplan(readmeCode), ...namesImportedFromWattplan(exampleCode)])];
    expect(imported.length).toBeGreaterThanOrEqual(10);
    // Values are checked at run time; types through the generated API docs, which list every export.
    expect(imported.filter((name) => !(name in api) && !apiDocs.includes(`\n### ${name}\n`))).toEqual([]);
  });

  it("renders HTML through its lazy door", async () => {
    const plan = api.planSchema.parse(JSON.parse(readFileSync(join(repositoryRoot, "test", "fixtures", "plan.example.json"), "utf8")));
    const html = await api.renderHtml(plan);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain("Carbon per inference by region");
  });
});
