#!/usr/bin/env node
// The shipped CLI is compiled JavaScript: dist/cli/wattplan.cjs, one bundle of the CLI built by `npm run build` (which
// `npm ci` and `npm install` run as `prepare`, and `npm pack` before packing), started by dist/cli/start.js.
// It runs under plain node: no loader, no transpiling at start-up.
try {
  await import("../dist/cli/start.js");
} catch (error) {
  const notBuilt =
    (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli/start.js")) ||
    (error?.code === "ENOENT" && String(error.path).endsWith("wattplan.cjs"));
  if (!notBuilt) throw error;
  process.stderr.write("wattplan: the CLI is not built yet\n  hint: run npm run build (npm ci runs it)\n");
  process.exitCode = 2;
}
