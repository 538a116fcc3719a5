export { whatIf } from "./what-if.ts";
export { parseVary, formatVaryValue } from "./parse-vary.ts";
export { formatWhatIfTable } from "./format-table.ts";
export type { VariationAxis, PatchAxis, Variations, WhatIfContext, WhatIfCase, WhatIfRow, WhatIfResult } from "./types.ts";
