// The README's commands run as written. Fenced blocks marked `sh runnable` hold wattplan commands that must succeed;
// blocks marked `console runnable` are terminal transcripts: each `$ wattplan …` line is run and what follows it, up to
// the next `$ `, must be what the terminal shows (stdout and stderr as written, in order). In a transcript, a line
// `…` stands for any further lines and `…` inside a line for any text; `$ echo $?` checks the previous exit code.
// Only offline wattplan commands may be marked: never installs, pulumi, comment github or bench --on with --yes (the
// test refuses them).
// They run in-process, in a scratch folder where examples/ is the repository's, so nothing in the repository changes.
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot, runCli, type CliRun } from "../cli/run-cli.ts";

interface Step {
  command: string;
  /** The transcript lines after the command; null in `sh runnable` blocks (only success is checked). */
  expected: string[] | null;
  /** For `$ echo $?`: the exit code the previous command must have had. */
  exitCode?: number;
}

interface Block {
  line: number;
  kind: "sh" | "console";
  steps: Step[];
}

function runnableBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    // Fences may be indented (a block inside a numbered list); the body loses the same indentation.
    const fence = /^(\s*)```(sh|console) runnable\s*$/.exec(lines[index]);
    if (!fence) continue;
    const indent = fence[1];
    const start = index + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== "```") end++;
    const body = lines.slice(start, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
    blocks.push({ line: start, kind: fence[2] as Block["kind"], steps: fence[2] === "sh" ? shellSteps(body) : transcriptSteps(body) });
    index = end;
  }
  return blocks;
}

function shellSteps(body: string[]): Step[] {
  return body
    .join("\n")
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((line) => stripComment(line).trim())
    .filter((line) => line !== "")
    .map((command) => ({ command, expected: null }));
}

function transcriptSteps(body: string[]): Step[] {
  const steps: Step[] = [];
  for (const line of body) {
    if (line.startsWith("$ ")) {
      const command = line.slice(2);
      if (command === "echo $?") steps.push({ command, expected: [], exitCode: undefined });
      else steps.push({ command, expected: [] });
    } else if (steps.length === 0) {
      throw new Error(`a console runnable block starts with output, not a $ command: ${line}`);
    } else {
      const last = steps[steps.length - 1];
      if (last.command === "echo $?") last.exitCode = Number(line);
      else last.expected!.push(line);
    }
  }
  return steps;
}

/** A `#` comment outside quotes ends the command. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let index = 0; index < line.length; index++) {
    const character = line[index];
    if (quote) {
      if (character === quote) quote = null;
    } else if (character === "'" || character === '"') {
      quote = character;
    } else if (character === "#" && (index === 0 || /\s/.test(line[index - 1]))) {
      return line.slice(0, index);
    }
  }
  return line;
}

/** The words of a command as a POSIX shell splits them (quotes, no expansion), without `npx`. */
function commandWords(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const character of command) {
    if (quote) {
      if (character === quote) quote = null;
      else word = (word ?? "") + character;
    } else if (character === "'" || character === '"') {
      quote = character;
      word ??= "";
    } else if (/\s/.test(character)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? "") + character;
    }
  }
  if (quote) throw new Error(`unbalanced quote in: ${command}`);
  if (word !== null) words.push(word);
  return words[0] === "npx" ? words.slice(1) : words;
}

/** Expected transcript lines against what the terminal showed; `…` as a line matches the rest, inside a line any text. */
function matchesTranscript(expected: string[], actual: string[]): boolean {
  for (let index = 0; index < expected.length; index++) {
    if (expected[index] === "…") return true;
    if (index >= actual.length) return false;
    const pattern = new RegExp(`^${expected[index].split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    if (!pattern.test(actual[index])) return false;
  }
  return expected.length === actual.length;
}

const FORBIDDEN = new Set(["comment"]);

function wattplanArguments(command: string, where: string): string[] {
  const words = commandWords(command);
  if (words[0] !== "wattplan") throw new Error(`${where}: only wattplan commands may be marked runnable, not: ${command}`);
  if (FORBIDDEN.has(words[1])) throw new Error(`${where}: 'wattplan ${words[1]}' needs the network and may not be marked runnable`);
  // A go-ahead could start cloud machines on a machine with Pulumi and credentials; without one, --on only plans.
  if (words.includes("--on") && words.includes("--yes")) throw new Error(`${where}: 'wattplan bench --on … --yes' starts cloud machines and may not be marked runnable`);
  return words.slice(1);
}

const readme = readFileSync(join(repositoryRoot, "README.md"), "utf8");
const blocks = runnableBlocks(readme);

/** A folder where the README's relative paths (examples/…) read the repository's files and writes land nowhere that matters. */
function scratchFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "wattplan-readme-"));
  symlinkSync(join(repositoryRoot, "examples"), join(folder, "examples"));
  return folder;
}

describe("the README's runnable blocks", () => {
  it("are there: the transcripts of plan, catalog, history, check and emit, and the whatif commands", () => {
    expect(blocks.filter((block) => block.kind === "console").length).toBeGreaterThanOrEqual(5);
    expect(blocks.filter((block) => block.kind === "sh").length).toBeGreaterThanOrEqual(1);
  });

  for (const block of blocks) {
    it(`README.md line ${block.line}: ${block.steps.map((step) => step.command).join("; ").slice(0, 100)}`, { timeout: 120_000 }, async () => {
      const cwd = scratchFolder();
      let previous: CliRun | null = null;
      for (const step of block.steps) {
        const where = `README.md line ${block.line}`;
        if (step.command === "echo $?") {
          expect(previous?.code, `${where}: exit code of the command before echo $?`).toBe(step.exitCode);
          continue;
        }
        const run = await runCli(wattplanArguments(step.command, where), { cwd });
        previous = run;
        if (step.expected === null) {
          expect(run.code, `${where}: ${step.command}\n${run.stderr}`).toBe(0);
          continue;
        }
        const shown = (run.terminal ?? "").replace(/\n$/, "").split("\n");
        if (!matchesTranscript(step.expected, shown)) {
          // The diff names the first line that differs.
          expect(shown.join("\n"), `${where}: $ ${step.command}`).toBe(step.expected.join("\n"));
        }
      }
    });
  }
});

describe("reading runnable blocks", () => {
  it("splits words as a shell does and matches … as any text", () => {
    expect(commandWords(`npx wattplan whatif examples/spec.yaml --vary constraints.regions.allow='eu-*;europe-*,us-*'`)).toEqual(["wattplan", "whatif", "examples/spec.yaml", "--vary", "constraints.regions.allow=eu-*;europe-*,us-*"]);
    expect(matchesTranscript(["a … c", "…"], ["a b c", "d", "e"])).toBe(true);
    expect(matchesTranscript(["a", "b"], ["a", "b", "c"])).toBe(false);
    expect(stripComment(`wattplan plan x.yaml --out plan.json   # writes it`).trim()).toBe("wattplan plan x.yaml --out plan.json");
  });
});
