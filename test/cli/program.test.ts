// The program as a whole: its version is package.json's, and every command answers --help.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.ts";
import { runCli } from "./run-cli.ts";

describe("wattplan", () => {
  it("prints package.json's version for --version", async () => {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(manifest.version);
  });

  it("describes every command and gives each a --help", () => {
    const commands: { path: string; help: string; description: string }[] = [];
    const visit = (command: Command, path: string) => {
      commands.push({ path, help: command.helpInformation(), description: command.description() });
      for (const sub of command.commands) visit(sub, `${path} ${sub.name()}`);
    };
    visit(buildProgram(), "wattplan");
    expect(commands.length).toBeGreaterThan(10);
    for (const { path, help, description } of commands) {
      expect(help, path).toMatch(new RegExp(`^Usage: ${path}`));
      expect(help, path).toContain("-h, --help");
      expect(description, path).not.toBe("");
    }
  });
});
