// Writes docs/API.md from src/index.ts: every export in the order and sections of index.ts, with its signature and
// its doc comment, read with the TypeScript compiler API. `npm run build:api-docs`; test/docs/api-docs.test.ts fails
// when the checked-in file is stale.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const apiDocsPath = join(repositoryRoot, "docs", "API.md");

interface ExportEntry {
  section: string;
  /** What the section comment says after its title ("Grid intensity over time: implement IntensitySource …"). */
  sectionNote: string;
  name: string;
  typeOnly: boolean;
}

export function renderApiDocs(): string {
  const entryPath = join(repositoryRoot, "src", "index.ts");
  const program = ts.createProgram([entryPath], compilerOptions());
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(entryPath);
  if (!entry) throw new Error(`cannot read ${entryPath}`);
  const moduleSymbol = checker.getSymbolAtLocation(entry);
  if (!moduleSymbol) throw new Error("src/index.ts is not a module");
  const exported = new Map(checker.getExportsOfModule(moduleSymbol).map((symbol) => [symbol.name, symbol]));

  const lines = [
    "# wattplan API",
    "",
    "<!-- Generated from src/index.ts by scripts/build-api-docs.ts (`npm run build:api-docs`); do not edit by hand. -->",
    "",
    '`import { … } from "wattplan"`. These are the only supported exports; everything else under src/ is internal.',
    "Options and result types are listed with the function that takes or returns them.",
  ];
  let section = "";
  for (const item of exportEntries(entry)) {
    if (item.section !== section) {
      section = item.section;
      lines.push("", `## ${section}`);
      if (item.sectionNote) lines.push("", `${item.sectionNote[0].toUpperCase()}${item.sectionNote.slice(1)}.`);
    }
    const symbol = exported.get(item.name);
    if (!symbol) throw new Error(`src/index.ts exports ${item.name}, but the checker does not see it`);
    lines.push("", ...describe(item.name, resolve(checker, symbol), checker));
  }
  return `${lines.join("\n")}\n`;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(repositoryRoot, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, repositoryRoot).options, noEmit: true };
}

/** The export specifiers of index.ts in source order, each under the `// Section` comment above its statement. */
function exportEntries(entry: ts.SourceFile): ExportEntry[] {
  const entries: ExportEntry[] = [];
  let section = "Exports";
  let sectionNote = "";
  for (const statement of entry.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    const comments = ts.getLeadingCommentRanges(entry.text, statement.pos) ?? [];
    const heading = comments
      .map((range) => entry.text.slice(range.pos, range.end))
      .filter((text) => text.startsWith("// ") && !text.includes("public library API"))
      .at(-1);
    if (heading) {
      const [title, ...note] = heading.slice(3).split(":");
      section = title.trim();
      sectionNote = note.join(":").trim();
    }
    for (const element of statement.exportClause.elements) {
      entries.push({ section, sectionNote, name: element.name.text, typeOnly: statement.isTypeOnly || element.isTypeOnly });
    }
  }
  return entries;
}

function resolve(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function describe(name: string, symbol: ts.Symbol, checker: ts.TypeChecker): string[] {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return [`### ${name}`];
  const documentation = documentationOf(symbol, checker);
  const lines = [`### ${name}`, ""];
  lines.push("```ts", ...signatureOf(name, symbol, declaration, checker), "```");
  if (documentation) lines.push("", documentation);
  lines.push("", `Defined in \`${relativePath(declaration.getSourceFile().fileName)}\`.`);
  return lines;
}

function signatureOf(name: string, symbol: ts.Symbol, declaration: ts.Declaration, checker: ts.TypeChecker): string[] {
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  if (ts.isFunctionDeclaration(declaration)) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    const isAsync = declaration.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
    return type.getCallSignatures().map((signature) => `${isAsync ? "async " : ""}function ${name}${checker.signatureToString(signature, declaration, flags)}`);
  }
  if (ts.isClassDeclaration(declaration)) {
    const heritage = declaration.heritageClauses?.map((clause) => clause.getText()).join(" ");
    const constructors = declaration.members.filter(ts.isConstructorDeclaration).map((member) => `  constructor(${member.parameters.map((parameter) => parameter.getText()).join(", ")});`);
    const fields = declaration.members
      .filter(ts.isPropertyDeclaration)
      .filter((member) => member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ReadonlyKeyword))
      .map((member) => `  ${member.getText().replace(/\s*=.*$/, "").replace(/;?$/, ";")}`);
    return [`class ${name}${heritage ? ` ${heritage}` : ""} {`, ...fields, ...constructors, "}"];
  }
  if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) {
    const text = declaration.getText().replace(/^export\s+/, "");
    const inferred = /=\s*z\.(infer|input)<typeof (\w+)>;?$/.exec(text);
    if (inferred) return [`type ${name} = z.${inferred[1]}<typeof ${inferred[2]}>; // the ${inferred[1] === "infer" ? "parsed" : "accepted"} shape of ${inferred[2]}`];
    return text.split("\n");
  }
  if (ts.isVariableDeclaration(declaration)) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    const typeText = checker.typeToString(type, declaration, flags);
    if (/^Zod\w+</.test(typeText) || /^z\.\w+</.test(typeText)) return [`const ${name}: ${typeText.slice(0, typeText.indexOf("<"))} // a zod schema: ${name}.parse(data) validates`];
    return [`const ${name}: ${typeText}`];
  }
  return [declaration.getText()];
}

function documentationOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const tags = symbol
    .getJsDocTags(checker)
    .map((tag) => `@${tag.name}${tag.text ? ` ${ts.displayPartsToString(tag.text)}` : ""}`)
    .join("\n");
  return [text, tags].filter((part) => part !== "").join("\n\n");
}

function relativePath(fileName: string): string {
  return fileName.slice(repositoryRoot.length + 1).split("\\").join("/");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(apiDocsPath, renderApiDocs());
  process.stderr.write(`wrote ${relativePath(apiDocsPath)}\n`);
}
