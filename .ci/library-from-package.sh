#!/usr/bin/env bash
# The library as another project gets it: pack wattplan, install the tarball into a new project offline (from the npm
# cache `npm ci` filled), then import { plan } in a .mjs under plain node, plan the example, and type-check a
# TypeScript consumer against the shipped declarations; then run the installed CLI.
set -euo pipefail
repository="$(cd "$(dirname "$0")/.." && pwd)"
project="$(mktemp -d)"
trap 'rm -rf "$project"' EXIT

cd "$repository"
tarball="$(npm pack --silent --pack-destination "$project" | tail -n 1)"

cd "$project"
# The new project's lockfile is wattplan's own production tree plus the tarball, so `npm ci --offline` resolves
# nothing and takes every package from the cache by its integrity (a lockfile-less install would need packuments).
node - "$repository/package-lock.json" "$tarball" <<'JS'
const { createHash } = require("node:crypto");
const { readFileSync, writeFileSync } = require("node:fs");
const [lockPath, tarball] = process.argv.slice(2);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const wattplan = lock.packages[""];
const dependencies = { wattplan: `file:${tarball}` };
const packages = { "": { name: "uses-wattplan", dependencies } };
packages["node_modules/wattplan"] = {
  version: wattplan.version,
  resolved: `file:${tarball}`,
  integrity: `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`,
  license: wattplan.license,
  dependencies: wattplan.dependencies,
  bin: wattplan.bin,
  engines: wattplan.engines,
};
for (const [path, entry] of Object.entries(lock.packages)) if (path !== "" && !entry.dev && !entry.link) packages[path] = entry;
writeFileSync("package.json", `${JSON.stringify({ name: "uses-wattplan", private: true, type: "module", dependencies }, null, 2)}\n`);
writeFileSync("package-lock.json", `${JSON.stringify({ name: "uses-wattplan", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
JS
# --ignore-scripts: onnxruntime-node's postinstall downloads CUDA files from the web; its CPU binaries ship inside.
npm ci --offline --ignore-scripts --no-audit --no-fund --loglevel=error

test -f node_modules/wattplan/dist/index.d.ts || { echo "the package ships no type declarations" >&2; exit 1; }

cat > plan-example.mjs <<'JS'
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCatalog, modelProfileSchema, parseSpecText, plan } from "wattplan";

const examples = join(process.argv[2], "examples");
const spec = parseSpecText(readFileSync(join(examples, "spec.yaml"), "utf8"), "spec.yaml");
const profile = modelProfileSchema.parse(JSON.parse(readFileSync(join(examples, "profile.json"), "utf8")));
const result = plan(spec, { catalog: loadCatalog(), profiles: [profile] });
console.log(`planned ${result.spec.name}: ${result.chosen.key}, ${result.chosen.sciGCo2ePerInference} gCO2e per inference`);
JS
node plan-example.mjs "$repository"

cat > consumer.ts <<'TS'
import { plan, type Plan, type WorkloadSpecInput } from "wattplan";
const spec: WorkloadSpecInput = { name: "typed", traffic: { meanRps: 1 } };
export const planned: (options: Parameters<typeof plan>[1]) => Plan = (options) => plan(spec, options);
TS
node "$repository/node_modules/typescript/bin/tsc" --noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 --types node --typeRoots "$repository/node_modules/@types" consumer.ts
# The installed CLI's bench --on, compiled: a dry run plans the machines and stops without a go-ahead (exit 1); with
# one but no Pulumi CLI on PATH it stops in one line; and the fleet's modules (the Automation API adapter, each cloud's
# machine program, the clouds' storage SDKs) load under plain node, as a real run loads them.
expect_refusal() {
  local pattern="$1"; shift
  local output status=0
  output="$(PATH="$(dirname "$(command -v node)")" WATTPLAN_HOME="$project/home" node_modules/.bin/wattplan "$@" 2>&1)" || status=$?
  if [ "$status" -ne 1 ] || ! grep -q -- "$pattern" <<<"$output"; then
    echo "wattplan $* (exit $status) did not say '$pattern':" >&2
    echo "$output" >&2
    exit 1
  fi
}
expect_refusal "without a go-ahead" bench "$repository/examples/model.onnx" --on aws:c7i.large --on azure:Standard_D2s_v5 --on gcp:g2-standard-4
expect_refusal "the Pulumi CLI is not installed" bench "$repository/examples/model.onnx" --on aws:c7i.large --yes
test ! -e "$project/home" || { echo "bench --on prepared its state without a Pulumi CLI" >&2; exit 1; }
node --input-type=module -e '
for (const module of ["infra/bench-fleet/automation.js", "infra/bench-fleet/aws-bench-machine.js", "infra/bench-fleet/gcp-bench-machine.js", "infra/bench-fleet/azure-bench-machine.js", "cloud-results/aws.js", "cloud-results/gcp.js", "cloud-results/azure.js"]) {
  await import(`./node_modules/wattplan/dist/${module}`);
}'
echo "the packed library imports, plans and type-checks from a project of its own; its bench --on plans, refuses and loads"

# The installed CLI: the bundle dist/cli/wattplan.cjs finds the catalog and its version inside node_modules/wattplan.
node_modules/.bin/wattplan --version
node_modules/.bin/wattplan plan "$repository/examples/spec.yaml" --out plan.json
test -s plan.json || { echo "the installed CLI wrote no plan" >&2; exit 1; }
