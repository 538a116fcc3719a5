// The estimate pack, for any Pulumi program: `pulumi preview --policy-pack <wattplan>/policy/estimate
// [--policy-pack-config budget.json]`. Constructing PolicyPack starts a gRPC server: tests import
// ../stack-estimate-policies.ts, never this file.
import { PolicyPack } from "@pulumi/policy";
import { loadCatalog } from "../../src/catalog/load.ts";
import type { Catalog } from "../../src/domain/catalog.ts";
import { createStackEstimatePolicies } from "../stack-estimate-policies.ts";

let catalog: Catalog | undefined;

new PolicyPack("wattplan-estimate", {
  description: "Estimated monthly cost and carbon of the stack's compute (advisory), with optional budgets (mandatory).",
  policies: createStackEstimatePolicies(() => (catalog ??= loadCatalog())),
});
