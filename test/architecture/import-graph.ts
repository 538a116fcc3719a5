// The import graph of the project's source folders, read from the source text with the TypeScript compiler's parser: static imports and
// re-exports (`import type` and `export type` too: they tie modules just the same), dynamic `import("…")`,
// `import(new URL("…", import.meta.url).href)`, `require("…")` and `typeof import("…")` types.
import { readdirSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

export interface ImportEdge {
  /** The importing file, relative to the repository with "/" separators, e.g. "src/cli/commands/plan.ts". */
  from: string;
  /** A file of the repository (relative, like `from`) or a package name ("node:fs", "@pulumi/aws"). */
  to: string;
  /** The module specifier as written ("./plan.ts", "@pulumi/azure-native/compute/index.js"). */
  specifier: string;
  /** Whether `to` is a file of the repository rather than a package. */
  internal: boolean;
  /** Type-only imports erase at run time but still tie the two modules together. */
  typeOnly: boolean;
  /** `import("…")` or `require("…")`: loaded when the code runs, not when the importing module loads. */
  dynamic: boolean;
  line: number;
}

export function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(path);
    }
  };
  walk(root);
  return files.sort();
}

/** Every import of every source file under `folders` (relative to `repositoryRoot`). */
export function importEdges(repositoryRoot: string, folders: string[]): ImportEdge[] {
  return folders.flatMap((folder) => sourceFiles(join(repositoryRoot, folder))).flatMap((file) => edgesOf(repositoryRoot, file));
}

function edgesOf(root: string, file: string): ImportEdge[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean, node: ts.Node, dynamic = false) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const from = toPosix(relative(root, file));
    if (specifier.startsWith(".")) {
      edges.push({ from, to: toPosix(relative(root, resolve(dirname(file), specifier))), specifier, internal: true, typeOnly, dynamic, line });
    } else {
      edges.push({ from, to: packageName(specifier), specifier, internal: false, typeOnly, dynamic, line });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, isTypeOnlyImport(node), node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly, node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      add(node.moduleReference.expression.text, node.isTypeOnly, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true, node);
    } else if (ts.isCallExpression(node)) {
      const specifier = calledSpecifier(node);
      if (specifier !== undefined) add(specifier, false, node, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** An import whose every binding is type-only (`import type { A }`, or `import { type A, type B }`). */
function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import "./side-effect.ts"`
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

/** The module a call loads: `import("x")`, `require("x")`, or `import(new URL("x", import.meta.url).href)`. */
function calledSpecifier(call: ts.CallExpression): string | undefined {
  const isImport = call.expression.kind === ts.SyntaxKind.ImportKeyword;
  const isRequire = ts.isIdentifier(call.expression) && call.expression.text === "require";
  if (!isImport && !isRequire) return undefined;
  const argument = call.arguments[0];
  if (argument === undefined) return undefined;
  if (ts.isStringLiteralLike(argument)) return argument.text;
  const url = ts.isPropertyAccessExpression(argument) && argument.name.text === "href" ? argument.expression : argument;
  if (ts.isNewExpression(url) && ts.isIdentifier(url.expression) && url.expression.text === "URL") {
    const first = url.arguments?.[0];
    if (first && ts.isStringLiteralLike(first)) return first.text;
  }
  return undefined;
}

/** "@pulumi/azure-native/compute" → "@pulumi/azure-native"; "world-countries/countries.json" → "world-countries"; "fs" → "node:fs". */
function packageName(specifier: string): string {
  if (specifier.startsWith("node:")) return specifier;
  if (isBuiltin(specifier)) return `node:${specifier}`;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** Everything `start` loads with it at run time: static, value imports followed transitively (packages included). */
export function staticClosure(edges: ImportEdge[], start: string): Set<string> {
  const reached = new Set<string>([start]);
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop();
    for (const edge of edges) {
      if (edge.from !== file || edge.typeOnly || edge.dynamic || reached.has(edge.to)) continue;
      reached.add(edge.to);
      if (edge.internal) pending.push(edge.to);
    }
  }
  return reached;
}

/** Every cycle among the internal edges, each as the list of files around it (Tarjan's strongly connected components). */
export function cycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const edge of edges.filter((candidate) => candidate.internal)) {
    if (!next.has(edge.from)) next.set(edge.from, new Set());
    next.get(edge.from)?.add(edge.to);
  }
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const connect = (node: string) => {
    index.set(node, counter);
    lowLink.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        connect(target);
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, lowLink.get(target) ?? 0));
      } else if (onStack.has(target)) {
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = next.get(node)?.has(node) ?? false;
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) connect(node);
  return components.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
