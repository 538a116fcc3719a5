// What bin/wattplan.cjs runs: the CLI bundle under the CLI's V8 flags, with its code cache (./bundle.ts): the build's,
// or else the user's own, which a run that started without the build's saves for the next. Built into
// dist/cli/start.cjs, a CommonJS file like the bin (scripts/build-cli-bundle.ts), so that node starts the CLI without
// its ES module loader.
import { cliBundlePath, codeCachePathOf, commandOf, loadBundle, saveUserCodeCache, useCliV8Flags, userCodeCachePath } from "./bundle.ts";

useCliV8Flags();
const userCache = userCodeCachePath();
// The user's cache first: where one exists, the build's did not serve this Node.js (or its flags) last time.
const loaded = loadBundle(cliBundlePath, [userCache, codeCachePathOf(cliBundlePath)]);
void loaded.cli.main().then(() => saveUserCodeCache(loaded, userCache, commandOf(process.argv.slice(2))));
