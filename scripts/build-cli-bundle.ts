// `npm run build` (after tsc): bundles the CLI into dist/cli/wattplan.cjs and makes its V8 code cache
// (src/cli/bundle.ts says why), and builds dist/cli/start.cjs, which bin/wattplan.cjs runs to load them. Zod, yaml,
// commander, csv-parse and the HTML report's map libraries go into the bundle; the packages in ./cli-bundle-outside.ts
// stay outside and load when a command needs them. The licences of what the bundle contains are written beside it; a
// bundled package without a licence file stops the build.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { packagesOutsideBundle } from "./cli-bundle-outside.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundlePath = join(root, "dist", "cli", "wattplan.cjs");
const licencesPath = join(root, "dist", "cli", "THIRD-PARTY-LICENSES.txt");
const startPath = join(root, "dist", "cli", "start.cjs");
/** Where a CommonJS file of this build is: what import.meta.url says in the modules it bundles. */
const fileUrlBanner = (name: string) => `var ${name} = require("node:url").pathToFileURL(__filename).href;`;
/** What both files are: one CommonJS file for Node 20, returned rather than written (each is written atomically). */
const commonJsForNode = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  legalComments: "none",
  write: false,
  logLevel: "warning",
} as const;

const result = await build({
  ...commonJsForNode,
  entryPoints: ["src/cli/main.ts"],
  external: packagesOutsideBundle,
  // Every module of the bundle shares its location: import.meta.url is the bundle's (src/package-root.ts walks up).
  define: { "import.meta.url": "__wattplanBundleUrl" },
  banner: { js: `// wattplan's CLI, bundled by scripts/build-cli-bundle.ts; licences of the bundled packages: THIRD-PARTY-LICENSES.txt\n${fileUrlBanner("__wattplanBundleUrl")}` },
  // Whitespace and comments out, names kept (a stack trace still reads): a smaller file to read, hash and scan, and
  // all ASCII, which src/cli/bundle.ts relies on to read it as one-byte text.
  minifyWhitespace: true,
  charset: "ascii",
  metafile: true,
});
const bundle = result.outputFiles[0].contents;
const nonAscii = bundle.findIndex((byte) => byte > 0x7f);
if (nonAscii >= 0) throw new Error(`the CLI bundle has a non-ASCII byte at ${nonAscii}: src/cli/bundle.ts reads it as ASCII`);
writeAtomically(bundlePath, bundle);
writeAtomically(licencesPath, licencesOf(Object.keys(result.metafile.inputs)));

// The loader (src/cli/start.ts with ./bundle.ts) as CommonJS too: node then starts without its ES module loader.
const start = await build({
  ...commonJsForNode,
  entryPoints: ["src/cli/start.ts"],
  define: { "import.meta.url": "__wattplanStartUrl" },
  banner: { js: `// Loads wattplan.cjs with its code cache; built by scripts/build-cli-bundle.ts from src/cli/start.ts\n${fileUrlBanner("__wattplanStartUrl")}` },
});
writeAtomically(startPath, start.outputFiles[0].contents);
// What tsc wrote for start.ts before it was built here: dist/ of an older build would ship it.
for (const stale of ["start.js", "start.d.ts"]) rmSync(join(root, "dist", "cli", stale), { force: true });

// The cache is made by plain node (as bin/wattplan.cjs runs), from a run of the CLI on the bundled example.
execFileSync(process.execPath, [join(root, "scripts", "make-cli-code-cache.mjs")], { cwd: root, stdio: "inherit" });

/** Each bundled package's name, version, licence and licence text, in name order. */
function licencesOf(inputs: string[]): string {
  const folders = new Set<string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) folders.add(match[1]);
  }
  const sections = [...folders].sort().map((folder) => {
    const manifest = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) as { name: string; version: string; license?: string };
    const licenceFile = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE"].map((name) => join(root, folder, name)).find(existsSync);
    if (!licenceFile) throw new Error(`${manifest.name} would be bundled into the CLI but ships no licence file to reproduce: leave it outside the bundle (scripts/cli-bundle-outside.ts)`);
    const text = readFileSync(licenceFile, "utf8").trim();
    return `${manifest.name} ${manifest.version} (${manifest.license ?? "unknown"})\n\n${text}\n`;
  });
  return `Packages bundled into wattplan.cjs, with their licences:\n\n${sections.join("\n---\n\n")}`;
}

function writeAtomically(path: string, contents: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}
