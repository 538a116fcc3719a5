// What bin/wattplan.cjs runs: the CLI bundle with its code cache (./bundle.ts). Built into dist/cli/start.cjs, a
// CommonJS file like the bin (scripts/build-cli-bundle.ts), so that node starts the CLI without its ES module loader.
import { loadBundle } from "./bundle.ts";

void loadBundle().cli.main();
