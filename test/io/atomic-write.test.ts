import { mkdtemp, readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WattplanError } from "../../src/errors.ts";
import { assertWritablePath, writeFileAtomic } from "../../src/io/atomic-write.ts";

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), "wattplan-io-"));
}

describe("writeFileAtomic", () => {
  it("creates missing folders and leaves no temporary file behind", async () => {
    const directory = await scratch();
    const path = join(directory, "nested", "plan.json");
    await writeFileAtomic(path, "{}\n");
    expect(await readFile(path, "utf8")).toBe("{}\n");
    expect(await readdir(join(directory, "nested"))).toEqual(["plan.json"]);
  });

  it("turns a path through a file into a user error and writes nothing", async () => {
    const directory = await scratch();
    await writeFile(join(directory, "a-file"), "keep me");
    await expect(writeFileAtomic(join(directory, "a-file", "plan.json"), "{}")).rejects.toThrow(WattplanError);
    expect(await readFile(join(directory, "a-file"), "utf8")).toBe("keep me");
  });
});

describe("assertWritablePath", () => {
  it("accepts a new file in a folder that does not exist yet", async () => {
    const directory = await scratch();
    await expect(assertWritablePath(join(directory, "new", "deeper", "profile.json"))).resolves.toBeUndefined();
  });

  it("refuses a folder, and a path under a file, before any work is done", async () => {
    const directory = await scratch();
    await mkdir(join(directory, "folder"));
    await writeFile(join(directory, "a-file"), "");
    await expect(assertWritablePath(join(directory, "folder"))).rejects.toThrow(/it is a folder/);
    await expect(assertWritablePath(join(directory, "a-file", "profile.json"))).rejects.toThrow(/is a file, not a folder/);
  });
});
