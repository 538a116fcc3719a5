// The import graph of src/ and policy/ follows the directions in layers.ts: no cycles, no arrow to a unit not
// listed, heavy packages only where they belong, a pure core. Type-only and dynamic imports count like any other.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cycles, importEdges, staticClosure, type ImportEdge } from "./import-graph.ts";
import { allowedDataImports, pureCore, renderLayersTable, restrictedPackages, temporaryExceptions, unitOf, unitRules } from "./layers.ts";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const edges = importEdges(repositoryRoot, ["src", "policy"]);
const where = (edge: ImportEdge) => `${edge.from}:${edge.line} → ${edge.to}${edge.typeOnly ? " (type-only)" : ""}`;

const excusedCycle = (members: string[]) =>
  temporaryExceptions.some((exception) => exception.cycle !== undefined && exception.cycle.join() === members.join());
const excusedImport = (edge: ImportEdge) => temporaryExceptions.some((exception) => exception.from === edge.from && exception.to === edge.to);

function unitViolations(): ImportEdge[] {
  return edges.filter((edge) => {
    if (!edge.internal) return false;
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    if (from === to) return false;
    const rule = unitRules[from];
    if (rule === undefined) return true;
    if (to in unitRules) return !rule.imports.includes(to);
    return !allowedDataImports.some((allowed) => allowed.unit === from && allowed.file === edge.to);
  });
}

describe("the import graph", () => {
  it("is read from the source: it sees static, type-only, dynamic and re-exported imports", () => {
    // Sanity checks on the reader itself, so an empty or partial graph cannot pass everything below.
    expect(edges.length).toBeGreaterThan(500);
    const has = (from: string, to: string, typeOnly?: boolean) =>
      edges.some((edge) => edge.from === from && edge.to === to && (typeOnly === undefined || edge.typeOnly === typeOnly));
    expect(has("src/cli/commands/plan.ts", "src/load/plan-from-files.ts", false)).toBe(true); // await import("…")
    expect(has("src/cli/commands/catalog.ts", "src/cli/commands/catalog-views.ts", false)).toBe(true); // () => import("…")
    expect(has("src/plan/plan-records.ts", "src/domain/intensity.ts", true)).toBe(true); // import type
    expect(has("src/index.ts", "src/report/markdown/index.ts")).toBe(true); // export … from
    expect(has("src/bench/ort-session.ts", "onnxruntime-node")).toBe(true);
    const missing = Object.keys(unitRules).filter((unit) => unit !== "policy" && !existsSync(join(repositoryRoot, "src", unit)) && !existsSync(join(repositoryRoot, "src", `${unit}.ts`)));
    expect(missing, "units in layers.ts without a folder or module in src/").toEqual([]);
    const unlisted = [...new Set(edges.map((edge) => unitOf(edge.from)))].filter((unit) => !(unit in unitRules));
    expect(unlisted, "folders or modules of src/ that layers.ts does not place").toEqual([]);
  });

  it("has no cycles between modules", () => {
    const found = cycles(edges).filter((members) => !excusedCycle(members));
    expect(found, `import cycles:\n${found.map((members) => members.join(" ↔ ")).join("\n")}`).toEqual([]);
  });

  it("only points from a unit to the units layers.ts allows it", () => {
    const found = unitViolations().filter((edge) => !excusedImport(edge));
    expect(found.map(where), "imports against the allowed directions (test/architecture/layers.ts)").toEqual([]);
  });

  it("keeps onnxruntime, Pulumi and commander where they belong", () => {
    const found = edges.filter((edge) => {
      if (edge.internal) return false;
      const rule = restrictedPackages.find((candidate) => candidate.pattern.test(edge.to));
      return rule !== undefined && !rule.units.includes(unitOf(edge.from));
    });
    expect(found.map(where)).toEqual([]);
  });

  it("keeps `import \"wattplan\"` light: onnxruntime, Pulumi and the HTML report's map load only when used", () => {
    const loaded = [...staticClosure(edges, "src/index.ts")];
    expect(loaded).toContain("zod");
    expect(loaded.filter((name) => /^onnxruntime-|^@pulumi\/|^@aws-sdk\/|^@google-cloud\/|^@azure\/|^d3-geo$|^world-atlas$|^src\/report\/html\/index\.ts$/.test(name))).toEqual([]);
  });

  it("keeps the CLI's start free of Pulumi and the cloud SDKs, so a bench machine runs `wattplan bench` without them", () => {
    const loaded = [...staticClosure(edges, "src/cli/main.ts")];
    expect(loaded).toContain("commander");
    expect(loaded.filter((name) => /^@pulumi\/|^@aws-sdk\/|^@google-cloud\/|^@azure\//.test(name))).toEqual([]);
  });

  it("keeps `wattplan --help` light: every package but commander loads in the command that needs it", () => {
    // What main.ts imports statically runs at every start of the bundled CLI; a command's own modules run when it
    // runs. An import at the top of a command file (zod for emit's stack config, once) put 80 ms on --help.
    const loaded = [...staticClosure(edges, "src/cli/main.ts")];
    expect(loaded.filter((name) => !name.startsWith("src/") && !name.startsWith("node:"))).toEqual(["commander"]);
  });

  it("keeps estimate and plan pure: no node:fs, no network, no native code", () => {
    const allowed = new Set(pureCore.packages.map((entry) => entry.name));
    const found = edges.filter((edge) => !edge.internal && pureCore.units.includes(unitOf(edge.from)) && !allowed.has(edge.to));
    expect(found.map(where)).toEqual([]);
  });

  it("lists only temporary exceptions that still occur", () => {
    const present = cycles(edges);
    const violations = unitViolations();
    const stale = temporaryExceptions.filter((exception) =>
      exception.cycle ? !present.some((members) => members.join() === exception.cycle?.join()) : !violations.some((edge) => edge.from === exception.from && edge.to === exception.to),
    );
    expect(stale, "these exceptions no longer match anything: delete them from layers.ts").toEqual([]);
  });
});

describe("the allowed directions", () => {
  it("form no cycle themselves, so there is a bottom and a top", () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const loops: string[] = [];
    const visit = (unit: string, path: string[]) => {
      if (done.has(unit)) return;
      if (visiting.has(unit)) {
        loops.push([...path, unit].join(" → "));
        return;
      }
      visiting.add(unit);
      for (const next of unitRules[unit]?.imports ?? []) visit(next, [...path, unit]);
      visiting.delete(unit);
      done.add(unit);
    };
    for (const unit of Object.keys(unitRules)) visit(unit, []);
    expect(loops).toEqual([]);
  });

  it("name only units that exist", () => {
    const named = Object.values(unitRules).flatMap((rule) => rule.imports);
    expect(named.filter((unit) => !(unit in unitRules))).toEqual([]);
  });
});

describe("docs/ARCHITECTURE.md", () => {
  it("shows the allowed directions as layers.ts writes them (UPDATE_GOLDEN=1 rewrites its table)", () => {
    const path = join(repositoryRoot, "docs", "ARCHITECTURE.md");
    const text = readFileSync(path, "utf8");
    const section = /(<!-- layers:begin[^>]*-->\n)([\s\S]*?)(<!-- layers:end -->)/;
    expect(text).toMatch(section);
    const expected = text.replace(section, (_, begin: string, _table: string, end: string) => `${begin}${renderLayersTable()}\n${end}`);
    if (process.env.UPDATE_GOLDEN === "1") {
      writeFileSync(path, expected);
      return;
    }
    expect(text, "docs/ARCHITECTURE.md's table is stale: run UPDATE_GOLDEN=1 npx vitest run test/architecture").toBe(expected);
  });
});
