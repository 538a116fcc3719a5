// The GCP fleet's network side: instances have no external IP, so a Cloud Router with Cloud NAT gives them egress
// (the Triton image, the GPU driver, the model); the firewall admits Triton's port from `ingressCidr` and Google's
// health checkers only (the passthrough load balancer keeps the client's address, so the rule sees the caller).
import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../domain/stack-config.ts";
import { TRITON_HTTP_PORT } from "./server-bootstrap.ts";

/** Google's health checkers and passthrough load balancer sources. */
export const GCP_HEALTH_CHECK_RANGES = ["35.191.0.0/16", "209.85.152.0/22", "209.85.204.0/22", "130.211.0.0/22"];
export const GCP_NETWORK_TAG = "wattplan-triton";

export interface GcpNetworkArgs {
  name: string;
  config: StackConfig;
  network: string;
  /** Resources without labels carry the carbon figures here. */
  description: string;
  child: { parent: pulumi.Resource; provider: gcp.Provider };
}

export function gcpNetwork({ name, config, network, description, child }: GcpNetworkArgs): void {
  new gcp.compute.Firewall(
    `${name}-triton`,
    {
      network,
      description,
      direction: "INGRESS",
      allows: [{ protocol: "tcp", ports: [String(TRITON_HTTP_PORT)] }],
      sourceRanges: [config.ingressCidr ?? "0.0.0.0/0", ...GCP_HEALTH_CHECK_RANGES],
      targetTags: [GCP_NETWORK_TAG],
    },
    child,
  );
  // One NAT for every subnet of the network in the region: on the default network that is the region's one subnet.
  const router = new gcp.compute.Router(`${name}-router`, { network, region: config.region, description }, child);
  new gcp.compute.RouterNat(
    `${name}-nat`,
    {
      router: router.name,
      region: config.region,
      natIpAllocateOption: "AUTO_ONLY",
      sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
      logConfig: { enable: true, filter: "ERRORS_ONLY" },
    },
    child,
  );
}
