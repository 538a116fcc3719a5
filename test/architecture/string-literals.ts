// The string literals of a source file (plain, template heads, middles and tails), read with the TypeScript parser.
import { readFileSync } from "node:fs";
import ts from "typescript";

export interface StringLiteral {
  text: string;
  line: number;
}

export function stringLiterals(file: string): StringLiteral[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const literals: StringLiteral[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      literals.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return literals;
}
