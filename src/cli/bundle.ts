// The shipped CLI is one CommonJS file, dist/cli/wattplan.cjs (scripts/build-cli-bundle.ts bundles src/cli/main.ts
// with zod, yaml and commander; native and cloud packages stay outside and load when a command needs them), run with
// a V8 code cache the build made by running the CLI once. Why: `wattplan plan` spent most of its start resolving,
// reading and compiling some 200 ES modules (issue 11's start-up target; `npm run bench:startup` measures it).
// The cache is trusted only for the exact bytes it was made from on the same Node.js and architecture (V8 itself
// checks little more than the source's length); anything else is compiled as usual. A package installed from a
// registry was built on the packer's Node.js: on any other, the CLI makes its own cache in the user's wattplan folder
// (./start.ts), so that only its first runs start without one.
// This file imports nothing of wattplan's but the user folder's location: it runs before the bundle, and the bundle
// carries its own copies.
import { isAscii } from "node:buffer";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import vm from "node:vm";
import { wattplanHome } from "../wattplan-home.ts";

/** What the bundle exports (src/cli/main.ts). */
export interface CliBundle {
  main(argv?: readonly string[]): Promise<void>;
  runCli(argv: readonly string[], context: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown }; env: NodeJS.ProcessEnv }): Promise<number>;
}

/**
 * How the code cache was used: "used", absent (or unreadable), made for other bytes or another Node.js ("stale"),
 * its data not what its header hashed ("damaged"), or refused by V8.
 */
export type CodeCacheUse = "used" | "absent" | "stale" | "damaged" | "rejected";

export interface LoadedBundle {
  cli: CliBundle;
  codeCache: CodeCacheUse;
  /** The cache file used ("used"), or the last one looked at. */
  cachePath: string;
  /** The commands the cache used was made after (the user's cache: ./start.ts), empty for the build's. */
  cachedAfter: string[];
  /** The compiled script, whose cache `writeCodeCache` saves once the CLI has run. */
  script: vm.Script;
  /** The bundle's bytes, which the cache's header names. */
  bundle: Buffer;
}

export const cliBundlePath = fileURLToPath(new URL("wattplan.cjs", import.meta.url));
export const codeCachePathOf = (bundlePath: string) => `${bundlePath}.v8cache`;

/** What a cache file was made from: its first line starts with it. */
function cacheIdentity(bundle: Buffer): string {
  const sha256 = createHash("sha256").update(bundle).digest("hex");
  return `wattplan-code-cache ${sha256} node-${process.version} ${process.arch}`;
}

const sha256Of = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/**
 * The first line of a cache file: what it was made from, the hash of its data (V8 takes damaged data without a word
 * and may crash on it), and the commands it was made after where the CLI made it itself.
 */
function cacheHeader(bundle: Buffer, data: Uint8Array, after: readonly string[]): string {
  return `${cacheIdentity(bundle)} data-sha256 ${sha256Of(data)}${after.length > 0 ? ` after ${after.join(",")}` : ""}\n`;
}

/**
 * The V8 flags the CLI runs under (useCliV8Flags), set before the bundle is compiled: V8 takes a code cache only under
 * the flags it was made with, so the build makes its cache under them too. A command runs for a few hundred milliseconds,
 * and V8's optimising compiler, at its default budget (67,584 in Node.js 20), spent more of a 2-core machine than its
 * code gave back before the process ended. At 8 times that budget, side by side on a shared 2-core AMD EPYC,
 * `wattplan plan` took ×0.82–0.93 wall and ×0.68–0.77 CPU time (the busier the machine, the more it gains), `--help`
 * ×1.05; a long run pays a fixed warm-up instead (`whatif` of 24 plans ×1.00–1.08 wall, ×0.96–1.03 CPU). Code that
 * runs long (whatif's plans, a quantizer's loops) is still optimised, later.
 */
export const cliV8Flags = "--interrupt-budget=540672";
/**
 * The V8 majors of the Node.js releases wattplan supports (20, 22, 24), which all have that flag. Another V8 keeps its
 * defaults: V8 prints a line to stderr for a flag it does not know, on every run.
 */
const v8MajorsWithCliFlags = [11, 12, 13];

/**
 * Sets cliV8Flags for this process, where the build's code cache is made or used (./start.ts,
 * scripts/make-cli-code-cache.mjs), before loadBundle. Node.js's own code cache for its built-in modules is voided by
 * the flag too, so the ones every command loads (commander's child_process, fs/promises) are loaded first:
 * `wattplan plan` compiled 20 built-in modules from source without this.
 */
export function useCliV8Flags(): void {
  if (!v8MajorsWithCliFlags.includes(Number.parseInt(process.versions.v8, 10))) return;
  for (const name of builtinsEveryCommandLoads) requireBuiltin(name);
  setFlagsFromString(cliV8Flags);
}

const builtinsEveryCommandLoads = ["node:child_process", "node:process", "node:fs/promises"];
const requireBuiltin = createRequire(import.meta.url);

/**
 * Compiles and runs the bundle with the first of `cachePaths` made from these bytes here, whose data is intact;
 * without one, compiles it as usual.
 */
export function loadBundle(bundlePath: string = cliBundlePath, cachePaths: string | readonly string[] = codeCachePathOf(bundlePath)): LoadedBundle {
  const bundle = readFileSync(bundlePath);
  // The build writes ASCII only, read as one-byte text without decoding UTF-8; anything else is decoded.
  const source = isAscii(bundle) ? bundle.toString("latin1") : bundle.toString("utf8");
  const cached = firstUsableCache(typeof cachePaths === "string" ? [cachePaths] : cachePaths, cacheIdentity(bundle));
  // A CommonJS wrapper, as Node.js gives every CommonJS file; import() of the packages left outside goes to Node's loader.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    cachedData: cached.data,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ?? ((specifier: string) => import(specifier)),
  } as vm.ScriptOptions);
  const module = { exports: {} as CliBundle };
  script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  const codeCache: CodeCacheUse = cached.use !== "used" ? cached.use : script.cachedDataRejected ? "rejected" : "used";
  return { cli: module.exports, codeCache, cachePath: cached.path, cachedAfter: cached.after, script, bundle };
}

interface CacheRead {
  path: string;
  use: CodeCacheUse;
  data?: Buffer;
  after: string[];
}

function firstUsableCache(cachePaths: readonly string[], identity: string): CacheRead {
  let last: CacheRead = { path: cachePaths[0], use: "absent", after: [] };
  for (const path of cachePaths) {
    last = readCache(path, identity);
    if (last.use === "used") break;
  }
  return last;
}

/** A cache file whose header names these bytes here and whose data hashes as the header says; unreadable is absent. */
function readCache(path: string, identity: string): CacheRead {
  let file: Buffer;
  try {
    if (!existsSync(path)) return { path, use: "absent", after: [] };
    if (!headOf(path).startsWith(`${identity} data-sha256 `)) return { path, use: "stale", after: [] };
    file = readFileSync(path);
  } catch {
    return { path, use: "absent", after: [] };
  }
  const headerEnd = file.indexOf(0x0a);
  const match = /^ data-sha256 ([0-9a-f]{64})(?: after ([^ ]+))?$/.exec(file.subarray(0, Math.max(0, headerEnd)).toString("latin1").slice(identity.length));
  const data = file.subarray(headerEnd + 1);
  if (headerEnd < 0 || !match || sha256Of(data) !== match[1]) return { path, use: "damaged", after: [] };
  return { path, use: "used", data, after: match[2] ? match[2].split(",") : [] };
}

/** The start of a file, enough for a cache's identity: a stale cache of 1 MB is not read whole. */
function headOf(path: string): string {
  const descriptor = openSync(path, "r");
  try {
    const head = Buffer.alloc(256);
    return head.subarray(0, readSync(descriptor, head, 0, head.length, 0)).toString("latin1");
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Saves the cache of a loaded bundle (after running it, so the functions it compiled are in, with those of the cache
 * it started from), atomically and synced, under a name no other process uses; `after` names the commands it has
 * now seen run.
 */
export function writeCodeCache(loaded: LoadedBundle, cachePath: string, after: readonly string[] = []): number {
  const data = loaded.script.createCachedData();
  const bytes = Buffer.concat([Buffer.from(cacheHeader(loaded.bundle, data, after), "latin1"), data]);
  const temporary = `${cachePath}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    const descriptor = openSync(temporary, "wx", 0o644);
    try {
      writeSync(descriptor, bytes);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, cachePath);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return bytes.length;
}

/** The user's own cache, in the user's wattplan folder. */
export function userCodeCachePath(environment: NodeJS.ProcessEnv = process.env): string {
  return join(wattplanHome(environment), "cli.v8cache");
}

/** The command a run's arguments name (its first word that is not an option), as the user's cache's header lists it. */
export function commandOf(argv: readonly string[]): string {
  const word = argv.find((argument) => !argument.startsWith("-"));
  if (word === undefined) return "(options)";
  return /^[a-z][a-z-]*$/.test(word) ? word : "(other)";
}

/**
 * After a run (./start.ts tries the user's cache first, then the build's): where the build's cache served, a user's
 * cache left from another version or Node.js is removed; otherwise the user's cache is saved when it was not used
 * (none, stale, damaged, or refused by V8: e.g. Node.js run with V8 flags the cache was not made under) or was made
 * after other commands only (each command compiles functions of its own), so that a few runs make it whole. A cache
 * is optional: a folder that cannot be made or written (read-only, missing parent) leaves the CLI as it was.
 */
export function saveUserCodeCache(loaded: LoadedBundle, cachePath: string, command: string): void {
  const usedUsers = loaded.codeCache === "used" && loaded.cachePath === cachePath;
  try {
    if (loaded.codeCache === "used" && !usedUsers) {
      rmSync(cachePath, { force: true });
      return;
    }
    if (usedUsers && loaded.cachedAfter.includes(command)) return;
    // One level only, not a recursive mkdir (which never settles under some parents, e.g. /proc/self): the
    // parent of $WATTPLAN_HOME is expected to exist, as the home folder does.
    if (!existsSync(dirname(cachePath))) mkdirSync(dirname(cachePath), { mode: 0o700 });
    writeCodeCache(loaded, cachePath, usedUsers ? [...loaded.cachedAfter, command] : [command]);
  } catch {
    // No cache this time: the next run compiles as this one did.
  }
}
