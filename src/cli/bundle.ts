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
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { wattplanHome } from "../wattplan-home.ts";

/** What the bundle exports (src/cli/main.ts). */
export interface CliBundle {
  main(argv?: readonly string[]): Promise<void>;
  runCli(argv: readonly string[], context: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown }; env: NodeJS.ProcessEnv }): Promise<number>;
}

/** How the code cache was used: "used", absent, made for other bytes or another Node.js ("stale"), or refused by V8. */
export type CodeCacheUse = "used" | "absent" | "stale" | "rejected";

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

/** What a cache file was made from: the first line of the file starts with it. */
function cacheIdentity(bundle: Buffer): string {
  const sha256 = createHash("sha256").update(bundle).digest("hex");
  return `wattplan-code-cache ${sha256} node-${process.version} ${process.arch}`;
}

/** The first line of a cache file: what it was made from, and after which commands where the CLI made it itself. */
function cacheHeader(bundle: Buffer, after: readonly string[] = []): string {
  return `${cacheIdentity(bundle)}${after.length > 0 ? ` after ${after.join(",")}` : ""}\n`;
}

/**
 * Compiles and runs the bundle with the first of `cachePaths` made from these bytes here (the build's cache, then
 * the user's); without one, compiles it as usual.
 */
export function loadBundle(bundlePath: string = cliBundlePath, cachePaths: string | readonly string[] = codeCachePathOf(bundlePath)): LoadedBundle {
  const bundle = readFileSync(bundlePath);
  // The build writes ASCII only, read as one-byte text without decoding UTF-8; anything else is decoded.
  const source = isAscii(bundle) ? bundle.toString("latin1") : bundle.toString("utf8");
  const cached = firstUsableCache(typeof cachePaths === "string" ? [cachePaths] : cachePaths, bundle);
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

function firstUsableCache(cachePaths: readonly string[], bundle: Buffer): CacheRead {
  let last: CacheRead = { path: cachePaths[0], use: "absent", after: [] };
  for (const path of cachePaths) {
    last = readCache(path, bundle);
    if (last.use === "used") break;
  }
  return last;
}

function readCache(path: string, bundle: Buffer): CacheRead {
  if (!existsSync(path)) return { path, use: "absent", after: [] };
  const file = readFileSync(path);
  const headerEnd = file.indexOf(0x0a);
  const header = file.subarray(0, Math.max(0, headerEnd)).toString("latin1");
  const identity = cacheIdentity(bundle);
  if (headerEnd < 0 || (header !== identity && !header.startsWith(`${identity} after `))) return { path, use: "stale", after: [] };
  const after = header === identity ? [] : header.slice(identity.length + " after ".length).split(",");
  return { path, use: "used", data: file.subarray(headerEnd + 1), after };
}

/**
 * Saves the cache of a loaded bundle (after running it, so the functions it compiled are in, with those of the cache
 * it started from), atomically; `after` names the commands it has now seen run.
 */
export function writeCodeCache(loaded: LoadedBundle, cachePath: string, after: readonly string[] = []): number {
  const data = Buffer.concat([Buffer.from(cacheHeader(loaded.bundle, after), "latin1"), loaded.script.createCachedData()]);
  const temporary = `${cachePath}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, cachePath);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return data.length;
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
 * After a run that started without the build's cache: saves the user's cache when it was not used or was made
 * after other commands only (each command compiles functions of its own), so that a few runs make it whole. A cache
 * is optional: a folder that cannot be made or written (read-only, missing parent) leaves the CLI as it was.
 */
export function saveUserCodeCache(loaded: LoadedBundle, cachePath: string, command: string): void {
  if (loaded.codeCache === "used" && loaded.cachePath !== cachePath) return;
  if (loaded.codeCache === "used" && loaded.cachedAfter.includes(command)) return;
  try {
    // One level only, not a recursive mkdir (which never settles under some parents, e.g. /proc/self): the
    // parent of $WATTPLAN_HOME is expected to exist, as the home folder does.
    if (!existsSync(dirname(cachePath))) mkdirSync(dirname(cachePath), { mode: 0o700 });
    const after = loaded.codeCache === "used" ? [...loaded.cachedAfter, command] : [command];
    writeCodeCache(loaded, cachePath, after);
  } catch {
    // No cache this time: the next run compiles as this one did.
  }
}
