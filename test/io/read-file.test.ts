import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readUserText } from "../../src/io/read-file.ts";
import { runCli } from "../cli/run-cli.ts";
import { scratchFolder } from "./scratch-filesystems.ts";

describe("readUserText", () => {
  it("refuses a file larger than its kind may be by its size, before reading it", async () => {
    const directory = await scratchFolder();
    const path = join(directory, "spec.yaml");
    await writeFile(path, `name: demo\n# ${"x".repeat(2 * 1024 * 1024)}\n`);
    await expect(readUserText(path, "spec", 1024 * 1024)).rejects.toThrow(`spec ${path} is 2.0 MiB, more than the 1.0 MiB a spec may be`);
    const run = await runCli(["plan", path]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(`wattplan: spec ${path} is 2.0 MiB, more than the 1.0 MiB a spec may be`);
  });

  it("names a folder, a missing file and a path through a file in one line each", async () => {
    const directory = await scratchFolder();
    await writeFile(join(directory, "a-file"), "");
    await expect(readUserText(directory, "plan")).rejects.toThrow(`plan is a directory, not a file: ${directory}`);
    await expect(readUserText(join(directory, "missing.json"), "plan")).rejects.toThrow("plan not found");
    await expect(readUserText(join(directory, "a-file", "x.json"), "plan")).rejects.toThrow(/plan cannot be read: .*a part of the path is a file, not a folder/);
  });
});
