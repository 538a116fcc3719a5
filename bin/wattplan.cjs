#!/usr/bin/env node
// The shipped CLI is compiled JavaScript: dist/cli/wattplan.cjs, one bundle of the CLI built by `npm run build` (which
// `npm ci` and `npm install` run as `prepare`, and `npm pack` before packing), started by dist/cli/start.cjs.
// It runs under plain node: no loader, no transpiling at start-up. This file and start.cjs are CommonJS because node
// then starts without its ES module loader (about 7 ms of every start, `npm run bench:startup`).
"use strict";
try {
  require("../dist/cli/start.cjs");
} catch (error) {
  const notBuilt =
    (error?.code === "MODULE_NOT_FOUND" && String(error.message).includes("start.cjs")) ||
    (error?.code === "ENOENT" && String(error.path).endsWith("wattplan.cjs"));
  if (!notBuilt) throw error;
  process.stderr.write("wattplan: the CLI is not built yet\n  hint: run npm run build (npm ci runs it)\n");
  process.exitCode = 2;
}
