// The CrossGuard policy pack: `pulumi preview --policy-pack policy --policy-pack-config policy/config.json`.
// Constructing PolicyPack starts a gRPC server that never exits: tests import ./policies.ts, never this file.
import { PolicyPack } from "@pulumi/policy";
import { loadPlanView } from "./load-plan-view.ts";
import { createWattplanPolicies } from "./policies.ts";

new PolicyPack("wattplan", {
  description: "Keeps a wattplan fleet as its plan made it: placement, accelerators, counts, private instances, the emitted stack, a grid-intensity ceiling, carbon tags.",
  policies: createWattplanPolicies(loadPlanView),
});
