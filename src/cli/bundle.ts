// The shipped CLI is one CommonJS file, dist/cli/wattplan.cjs (scripts/build-cli-bundle.ts bundles src/cli/main.ts
// with zod, yaml and commander; native and cloud packages stay outside and load when a command needs them), run with
// a V8 code cache the build made by running the CLI once. Why: `wattplan plan` spent most of its start resolving,
// reading and compiling some 200 ES modules (issue 11's start-up target; `npm run bench:startup` measures it).
// The cache is trusted only for the exact bytes it was made from on the same Node.js and architecture (V8 itself
// checks little more than the source's length); anything else is compiled as usual.
// This file imports nothing of wattplan's: it runs before the bundle, and the bundle carries its own copies.
import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

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
  /** The compiled script, whose cache `writeCodeCache` saves once the CLI has run. */
  script: vm.Script;
  /** The bundle's bytes, which the cache's header names. */
  bundle: Buffer;
}

export const cliBundlePath = fileURLToPath(new URL("wattplan.cjs", import.meta.url));
export const codeCachePathOf = (bundlePath: string) => `${bundlePath}.v8cache`;

/** The first line of a cache file: what it was made from. */
function cacheHeader(bundle: Buffer): string {
  const sha256 = createHash("sha256").update(bundle).digest("hex");
  return `wattplan-code-cache ${sha256} node-${process.version} ${process.arch}\n`;
}

/** Compiles and runs the bundle with its code cache where that cache was made from these bytes here. */
export function loadBundle(bundlePath: string = cliBundlePath, cachePath: string = codeCachePathOf(bundlePath)): LoadedBundle {
  const bundle = readFileSync(bundlePath);
  // The build writes ASCII only, read as one-byte text without decoding UTF-8; anything else is decoded.
  const source = isAscii(bundle) ? bundle.toString("latin1") : bundle.toString("utf8");
  const cached = readCache(cachePath, bundle);
  // A CommonJS wrapper, as Node.js gives every CommonJS file; import() of the packages left outside goes to Node's loader.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    cachedData: cached.data,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ?? ((specifier: string) => import(specifier)),
  } as vm.ScriptOptions);
  const module = { exports: {} as CliBundle };
  script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  const codeCache: CodeCacheUse = cached.use !== "used" ? cached.use : script.cachedDataRejected ? "rejected" : "used";
  return { cli: module.exports, codeCache, script, bundle };
}

function readCache(cachePath: string, bundle: Buffer): { data?: Buffer; use: CodeCacheUse } {
  if (!existsSync(cachePath)) return { use: "absent" };
  const file = readFileSync(cachePath);
  const header = cacheHeader(bundle);
  if (file.subarray(0, header.length).toString("latin1") !== header) return { use: "stale" };
  return { data: file.subarray(header.length), use: "used" };
}

/** Saves the cache of a loaded bundle (after running it, so the functions it compiled are in), atomically. */
export function writeCodeCache(loaded: LoadedBundle, cachePath: string): number {
  const data = Buffer.concat([Buffer.from(cacheHeader(loaded.bundle), "latin1"), loaded.script.createCachedData()]);
  const temporary = `${cachePath}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, cachePath);
  return data.length;
}
