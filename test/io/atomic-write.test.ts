import { createReadStream } from "node:fs";
import { chmod, lstat, mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WattplanError } from "../../src/errors.ts";
import { assertWritablePath, writeFileAtomic } from "../../src/io/atomic-write.ts";
import { makeDirectories } from "../../src/io/make-directories.ts";
import { makeFifo, makeNullDevice, mountTmpfs, scratchFolder } from "./scratch-filesystems.ts";

const nullDevice = makeNullDevice(await scratchFolder());
const deviceSkip = typeof nullDevice === "string" ? null : nullDevice.skipped;
const mount = await mountTmpfs(await scratchFolder(), 64);
const skipped = "skipped" in mount ? mount.skipped : null;

describe("writeFileAtomic", () => {
  it("creates missing folders and leaves no temporary file behind", async () => {
    const directory = await scratchFolder();
    const path = join(directory, "nested", "plan.json");
    await writeFileAtomic(path, "{}\n");
    expect(await readFile(path, "utf8")).toBe("{}\n");
    expect(await readdir(join(directory, "nested"))).toEqual(["plan.json"]);
  });

  it("turns a path through a file into a user error and writes nothing", async () => {
    const directory = await scratchFolder();
    await writeFile(join(directory, "a-file"), "keep me");
    await expect(writeFileAtomic(join(directory, "a-file", "plan.json"), "{}")).rejects.toThrow(WattplanError);
    expect(await readFile(join(directory, "a-file"), "utf8")).toBe("keep me");
  });

  it("keeps a replaced file's mode (a 0600 stack file stays 0600)", async () => {
    const directory = await scratchFolder();
    const path = join(directory, "Pulumi.prod.yaml");
    await writeFile(path, "old");
    await chmod(path, 0o600);
    await writeFileAtomic(path, "new");
    expect(await readFile(path, "utf8")).toBe("new");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it("writes through a symbolic link to its target and keeps the link", async () => {
    const directory = await scratchFolder();
    await mkdir(join(directory, "real"));
    const target = join(directory, "real", "plan.json");
    await writeFile(target, "old");
    await chmod(target, 0o640);
    const link = join(directory, "link.json");
    await symlink(target, link);
    await writeFileAtomic(link, "new");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, "utf8")).toBe("new");
    expect((await stat(target)).mode & 0o777).toBe(0o640);

    const dangling = join(directory, "dangling.json");
    await symlink("real/created.json", dangling);
    await writeFileAtomic(dangling, "made");
    expect((await lstat(dangling)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(directory, "real", "created.json"), "utf8")).toBe("made");
  });

  it("writes a FIFO in place, for its reader, instead of replacing it", async () => {
    const directory = await scratchFolder();
    const fifo = makeFifo(directory);
    const received = new Promise<string>((resolve, reject) => {
      let text = "";
      createReadStream(fifo, "utf8").on("data", (chunk) => (text += chunk)).on("end", () => resolve(text)).on("error", reject);
    });
    await writeFileAtomic(fifo, "through the pipe\n");
    expect(await received).toBe("through the pipe\n");
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it.skipIf(deviceSkip !== null)(`writes a device node in place: it stays a device${deviceSkip ? ` (SKIPPED: ${deviceSkip})` : ""}`, async () => {
    const device = nullDevice as string;
    await writeFileAtomic(device, "discarded\n");
    expect((await lstat(device)).isCharacterDevice()).toBe(true);
  });

  it("refuses a folder in one line", async () => {
    const directory = await scratchFolder();
    await expect(writeFileAtomic(directory, "x")).rejects.toThrow(/it is a folder/);
  });

  it("removes the temporaries a killed writer left, and only those", async () => {
    const directory = await scratchFolder();
    const path = join(directory, "plan.json");
    // pid 2^22 + 1 is above Linux's pid_max ceiling: no process can have it.
    const killed = join(directory, `.plan.json.${2 ** 22 + 1}-0123456789ab.tmp`);
    const olderFormat = join(directory, ".plan.json.0123456789ab.tmp");
    const running = join(directory, `.plan.json.${process.pid}-abcdefabcdef.tmp`);
    const otherTarget = join(directory, `.other.json.${2 ** 22 + 1}-0123456789ab.tmp`);
    for (const file of [killed, olderFormat, running, otherTarget]) await writeFile(file, "partial");
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(olderFormat, anHourAgo, anHourAgo);
    await writeFileAtomic(path, "{}");
    expect((await readdir(directory)).sort()).toEqual([`.other.json.${2 ** 22 + 1}-0123456789ab.tmp`, `.plan.json.${process.pid}-abcdefabcdef.tmp`, "plan.json"]);
  });
});

describe("writeFileAtomic on a full and on a read-only disk", () => {
  afterAll(() => {
    if (!("skipped" in mount)) mount.unmount();
  });

  it.skipIf(skipped !== null)(`keeps the old file and leaves no temporary when the disk fills up${skipped ? ` (SKIPPED: ${skipped})` : ""}`, async () => {
    const { path: disk } = mount as { path: string };
    const path = join(disk, "report.md");
    await writeFile(path, "the old report");
    const error = await writeFileAtomic(path, "x".repeat(256 * 1024)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WattplanError);
    expect((error as Error).message).toBe(`cannot write ${path}: the disk is full`);
    expect(await readFile(path, "utf8")).toBe("the old report");
    expect(await readdir(disk)).toEqual(["report.md"]);
  });

  it.skipIf(skipped !== null)(`says a read-only file system is read-only${skipped ? ` (SKIPPED: ${skipped})` : ""}`, async () => {
    const { path: disk, makeReadOnly } = mount as { path: string; makeReadOnly(): void };
    makeReadOnly();
    const error = await writeFileAtomic(join(disk, "report.md"), "new").catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(`cannot write ${join(disk, "report.md")}: the file system is read-only`);
    await expect(writeFileAtomic(join(disk, "deeper", "report.md"), "new")).rejects.toThrow(/cannot create folder .*: the file system is read-only/);
  });
});

describe("makeDirectories", () => {
  it("settles with one error where a folder cannot be made under an existing parent (Node's recursive mkdir loops there)", async () => {
    const directory = await scratchFolder();
    let mkdirCalls = 0;
    const refusing = {
      stat: (path: string) => stat(path),
      mkdir: async () => {
        mkdirCalls += 1;
        throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      },
    };
    await expect(makeDirectories(join(directory, "x", "y"), { operations: refusing })).rejects.toThrow(`cannot create folder ${join(directory, "x", "y")}: files cannot be created there`);
    expect(mkdirCalls).toBe(1);
  });

  it("accepts a folder another process made in the meantime", async () => {
    const directory = await scratchFolder();
    const racing = {
      stat: (path: string) => stat(path),
      mkdir: async (path: string) => {
        await mkdir(path);
        throw Object.assign(new Error("EEXIST"), { code: "EEXIST" });
      },
    };
    await makeDirectories(join(directory, "a", "b"), { operations: racing });
    expect((await stat(join(directory, "a", "b"))).isDirectory()).toBe(true);
  });
});

describe("assertWritablePath", () => {
  it("accepts a new file in a folder that does not exist yet", async () => {
    const directory = await scratchFolder();
    await expect(assertWritablePath(join(directory, "new", "deeper", "profile.json"))).resolves.toBeUndefined();
  });

  it("refuses a folder, and a path under a file, before any work is done", async () => {
    const directory = await scratchFolder();
    await mkdir(join(directory, "folder"));
    await writeFile(join(directory, "a-file"), "");
    await expect(assertWritablePath(join(directory, "folder"))).rejects.toThrow(/it is a folder/);
    await expect(assertWritablePath(join(directory, "a-file", "profile.json"))).rejects.toThrow(/is a file, not a folder/);
  });
});
