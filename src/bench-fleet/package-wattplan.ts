// This exact wattplan, packed for a bench machine: `npm pack` of the installed package (its published files, with
// the compiled dist/ its bin entry runs), unpacked, given the bench manifest and its npm-shrinkwrap.json, and packed
// again. The machine runs `npm ci` on it: the shrinkwrap pins every transitive version, and a manifest that
// disagrees with it fails instead of floating.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WattplanError } from "../errors.ts";
import { packageRoot } from "../package-root.ts";
import { benchManifest, benchShrinkwrap, type Lockfile } from "./bench-manifest.ts";

/** The folder holding wattplan's package.json, in a clone as in an installed package. */
export const wattplanPackageRoot = packageRoot;

export interface PackedWattplan {
  /** The .tgz to upload; it lives in `directory`, which the caller removes when done. */
  path: string;
  directory: string;
  sha256: string;
  bytes: number;
  /** How many packages the shrinkwrap pins (wattplan's own entry not counted). */
  pinnedPackages: number;
}

export interface PackOptions {
  packageRoot?: string;
  /** The npm executable (default: npm on PATH). */
  npm?: string;
}

export async function packWattplanForBench(options: PackOptions = {}): Promise<PackedWattplan> {
  const root = options.packageRoot ?? wattplanPackageRoot;
  const npm = options.npm ?? "npm";
  const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
  const lock = await readLockfile(root);
  const directory = await mkdtemp(join(tmpdir(), "wattplan-pack-"));
  try {
    // In a clone, npm pack's prepare compiles dist/ from the sources first; an installed wattplan ships dist/ built and
    // has no compiler or tsconfig to run it with.
    const isClone = await access(join(root, "tsconfig.build.json")).then(() => true, () => false);
    const original = await npmPack(npm, root, join(directory, "original"), isClone ? [] : ["--ignore-scripts"]);
    const staging = join(directory, "staging");
    await mkdir(staging, { recursive: true });
    await run("tar", ["-xzf", original, "-C", staging], root);
    const packageDirectory = join(staging, "package");
    const bench = benchManifest(manifest);
    const shrinkwrap = benchShrinkwrap(lock, bench);
    await writeFile(join(packageDirectory, "package.json"), `${JSON.stringify(bench, null, 2)}\n`);
    await writeFile(join(packageDirectory, "npm-shrinkwrap.json"), `${JSON.stringify(shrinkwrap, null, 2)}\n`);
    await rm(join(packageDirectory, "package-lock.json"), { force: true });
    const path = await npmPack(npm, packageDirectory, join(directory, "bench"), ["--ignore-scripts"]);
    const bytes = await readFile(path);
    return { path, directory, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length, pinnedPackages: Object.keys(shrinkwrap.packages).length - 1 };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

async function readLockfile(root: string): Promise<Lockfile> {
  for (const name of ["npm-shrinkwrap.json", "package-lock.json"]) {
    const text = await readFile(join(root, name), "utf8").catch(() => null);
    if (text !== null) return JSON.parse(text) as Lockfile;
  }
  throw new WattplanError(
    "INVALID_INPUT",
    `wattplan's lockfile is missing from ${root}: a bench machine installs the exact dependency versions it pins`,
    "run wattplan from a clone installed with npm ci, where package-lock.json is present",
  );
}

/** `npm pack` into `destination`; returns the tarball's path. */
async function npmPack(npm: string, cwd: string, destination: string, extra: string[] = []): Promise<string> {
  await mkdir(destination, { recursive: true });
  const stdout = await run(npm, ["pack", "--json", "--pack-destination", destination, ...extra], cwd);
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as { filename: string }[];
  return join(destination, packed.filename);
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new WattplanError("INVALID_INPUT", `packing wattplan failed: ${command} ${args[0]}: ${(stderr || error.message).trim().split("\n")[0]}`));
      else resolve(stdout);
    });
  });
}
