// Odd things to write to, made inside a temporary folder (never under /dev, /proc or /sys): a device node, a FIFO,
// and small tmpfs mounts that fill up or are read-only. Each returns null with a reason where this machine does
// not allow it (mknod and mount need root), so the test can skip and say why.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function scratchFolder(prefix = "wattplan-io-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A character device with the numbers of the null device (1, 3), made in `directory`. */
export function makeNullDevice(directory: string): string | { skipped: string } {
  const path = join(directory, "null-device");
  try {
    execFileSync("mknod", [path, "c", "1", "3"], { stdio: "pipe" });
    return path;
  } catch (error) {
    return { skipped: `mknod is not permitted here (${firstLine(error)})` };
  }
}

export function makeFifo(directory: string, name = "fifo"): string {
  const path = join(directory, name);
  execFileSync("mkfifo", [path]);
  return path;
}

export interface ScratchMount {
  path: string;
  /** Remounts it read-only, keeping what was written. */
  makeReadOnly(): void;
  unmount(): void;
}

/** A tmpfs of `sizeKib` KiB mounted in `directory`, or why none could be mounted. */
export async function mountTmpfs(directory: string, sizeKib: number): Promise<ScratchMount | { skipped: string }> {
  const path = join(directory, "small-disk");
  await mkdir(path);
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKib}k`, "tmpfs", path], { stdio: "pipe" });
  } catch (error) {
    return { skipped: `cannot mount a tmpfs here (${firstLine(error)})` };
  }
  return {
    path,
    makeReadOnly: () => execFileSync("mount", ["-o", "remount,ro", path], { stdio: "pipe" }),
    unmount: () => execFileSync("umount", ["-l", path], { stdio: "pipe" }),
  };
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return (stderr || (error as Error).message).split("\n")[0];
}
