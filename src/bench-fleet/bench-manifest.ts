// The package a bench machine installs: wattplan's own manifest without what only the planning machine needs (the
// Pulumi SDKs, the clouds' storage SDKs, dev tools, build scripts), and an npm-shrinkwrap.json cut from wattplan's
// lockfile to exactly what is left, so `npm ci` installs the same versions tested here and nothing floats.
import { WattplanError } from "../errors.ts";

/** Dependencies the bench machine never loads: deployment (Pulumi) and `bench --on`'s own polling (the cloud SDKs). */
export const PLANNING_ONLY_DEPENDENCIES = [/^@pulumi\//, /^@aws-sdk\//, /^@google-cloud\//, /^@azure\//];

/** onnxruntime-node's install script fetches the CUDA provider (ONNXRUNTIME_NODE_INSTALL decides); the rest need none. */
export const BENCH_ALLOW_SCRIPTS = { "onnxruntime-node": true, protobufjs: false, esbuild: false };

type Manifest = Record<string, unknown> & { name: string; version: string; dependencies?: Record<string, string> };

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  [key: string]: unknown;
}

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
  [key: string]: unknown;
}

export function benchManifest(manifest: Manifest): Manifest {
  const dependencies = Object.fromEntries(Object.entries(manifest.dependencies ?? {}).filter(([name]) => !isPlanningOnly(name)));
  const { devDependencies: _dev, scripts: _scripts, overrides: _overrides, ...rest } = manifest;
  return { ...rest, dependencies, allowScripts: BENCH_ALLOW_SCRIPTS };
}

/**
 * The lockfile cut to what the bench manifest's dependencies reach, following Node's resolution (a dependency of
 * `node_modules/a` is found in `node_modules/a/node_modules/x`, else further up). Entries reached only through
 * optional edges stay marked optional; dev flags go (nothing dev is left).
 */
export function benchShrinkwrap(lock: Lockfile, manifest: Manifest): Lockfile {
  if (lock.lockfileVersion < 2 || !lock.packages?.[""]) {
    throw new WattplanError("INVALID_INPUT", `wattplan's lockfile has version ${lock.lockfileVersion}; packing for a bench machine needs lockfileVersion 2 or 3`, "regenerate it with npm 7 or newer (npm install)");
  }
  const required = new Set<string>();
  const optional = new Set<string>();
  const visit = (path: string, viaOptional: boolean) => {
    const seen = viaOptional ? optional : required;
    if (seen.has(path) || (viaOptional && required.has(path))) return;
    seen.add(path);
    if (!viaOptional) optional.delete(path);
    const entry = path === "" ? { dependencies: manifest.dependencies } : lock.packages[path];
    for (const [name, optionalEdge] of edgesOf(entry)) {
      const target = resolve(lock, path, name);
      if (target === null) {
        if (optionalEdge) continue;
        throw new WattplanError("INVALID_INPUT", `wattplan's lockfile does not resolve ${name} (needed by ${path || "wattplan"})`, "run npm install to bring the lockfile up to date");
      }
      visit(target, viaOptional || optionalEdge);
    }
  };
  visit("", false);

  const packages: Record<string, LockEntry> = {};
  const root = lock.packages[""];
  packages[""] = { ...withoutDevFields(root), dependencies: manifest.dependencies ?? {} };
  for (const path of [...required, ...optional].filter((path) => path !== "").sort()) {
    const entry = withoutDevFields(lock.packages[path]);
    packages[path] = optional.has(path) ? { ...entry, optional: true } : entry;
  }
  return { ...lock, packages };
}

function isPlanningOnly(name: string): boolean {
  return PLANNING_ONLY_DEPENDENCIES.some((pattern) => pattern.test(name));
}

/** name → whether the edge is optional (optionalDependencies, or a peer marked optional). */
function edgesOf(entry: Partial<LockEntry>): [string, boolean][] {
  const edges: [string, boolean][] = [];
  for (const name of Object.keys(entry.dependencies ?? {})) edges.push([name, false]);
  for (const name of Object.keys(entry.optionalDependencies ?? {})) edges.push([name, true]);
  for (const name of Object.keys(entry.peerDependencies ?? {})) edges.push([name, entry.peerDependenciesMeta?.[name]?.optional === true]);
  return edges;
}

/** Node's lookup: node_modules/ in the package's own folder, then in each folder above it. */
function resolve(lock: Lockfile, fromPath: string, name: string): string | null {
  let base = fromPath;
  for (;;) {
    const candidate = base === "" ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (base === "") return null;
    const index = base.lastIndexOf("/node_modules/");
    base = index === -1 ? "" : base.slice(0, index);
  }
}

function withoutDevFields(entry: LockEntry): LockEntry {
  const { dev: _dev, devOptional: _devOptional, devDependencies: _devDependencies, optional: _optional, peer: _peer, ...rest } = entry;
  return rest;
}
