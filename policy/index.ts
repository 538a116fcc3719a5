// The CrossGuard policy pack: `pulumi preview --policy-pack policy --policy-pack-config policy/config.json`.
// Constructing PolicyPack starts a gRPC server that never exits: tests import ./policies.ts, never this file.
import { PolicyPack } from "@pulumi/policy";
import { loadAllowances } from "./load-allowances.ts";
import { createWattplanPolicies } from "./policies.ts";

new PolicyPack("wattplan", {
  description: "Keeps a wattplan fleet where its plan put it: planned regions and instance types, a grid-intensity ceiling, carbon tags.",
  policies: createWattplanPolicies(loadAllowances),
});
