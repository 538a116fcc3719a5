// Entry of the policy pack. Pulumi's policy runner require()s this directory and registers ts-node for .ts files,
// which cannot load wattplan's ESM TypeScript (explicit .ts imports, "type": "module"); tsx can, so tsx loads the
// pack (index.ts) and everything it imports.
const tsx = require("tsx/cjs/api");

tsx.require("./index.ts", __filename);
