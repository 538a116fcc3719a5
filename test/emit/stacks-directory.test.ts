import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultStacksDirectory } from "../../src/emit/stacks-directory.ts";

describe("default stacks directory", () => {
  it("follows the nearest Pulumi.yaml's stackConfigDir, from any subdirectory", async () => {
    const root = await mkdtemp(join(tmpdir(), "wattplan-project-"));
    try {
      await writeFile(join(root, "Pulumi.yaml"), "name: x\nruntime: nodejs\nstackConfigDir: deploy/stacks\n");
      await mkdir(join(root, "src", "deep"), { recursive: true });
      expect(defaultStacksDirectory(join(root, "src", "deep"))).toBe(join(root, "deploy", "stacks"));
      await writeFile(join(root, "Pulumi.yaml"), "name: x\nruntime: nodejs\n");
      expect(defaultStacksDirectory(root)).toBe(root);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("is the repository's stacks/ here", () => {
    expect(defaultStacksDirectory(new URL("../../src", import.meta.url).pathname)).toBe(new URL("../../stacks", import.meta.url).pathname);
  });
});
