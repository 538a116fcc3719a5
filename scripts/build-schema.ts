// Writes schema/plan.schema.json from the zod schema of the Plan (`npm run build:schema`).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../src/io/atomic-write.ts";
import { planJsonSchemaText } from "../src/plan/plan-json-schema.ts";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(repositoryRoot, "schema", "plan.schema.json");
await writeFileAtomic(target, planJsonSchemaText());
process.stderr.write(`wrote ${target}\n`);
