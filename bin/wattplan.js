#!/usr/bin/env node
// The shipped CLI is the compiled JavaScript in dist/, built by `npm run build` (which `npm ci` and `npm install` run
// as `prepare`, and `npm pack` before packing). It runs under plain node: no loader, no transpiling at start-up.
try {
  await import("../dist/cli/main.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cli/main.js")) throw error;
  process.stderr.write("wattplan: the CLI is not built yet\n  hint: run npm run build (npm ci runs it)\n");
  process.exitCode = 2;
}
