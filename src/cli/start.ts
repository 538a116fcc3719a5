// What bin/wattplan.js runs: the CLI bundle with its code cache (./bundle.ts).
import { loadBundle } from "./bundle.ts";

await loadBundle().cli.main();
