// Entry of the estimate pack, loaded like ../pack.cjs: Pulumi's policy runner require()s this directory and would
// register ts-node, which cannot load wattplan's ESM TypeScript; tsx can.
const tsx = require("tsx/cjs/api");

tsx.require("./index.ts", __filename);
