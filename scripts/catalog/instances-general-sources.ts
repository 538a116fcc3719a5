import type { Source } from "../../src/domain/figure.ts";
import { instanceSourceIds } from "./instances-sources.ts";

/** Sources added with the general-purpose families (older AWS generations, burstable types, Azure Dasv6). */
export function generalFamilySources(): Source[] {
  return [
    {
      id: instanceSourceIds.awsUsEast1Prices,
      title: "AWS EC2 Linux on-demand prices for us-east-1, every instance type (zz_generated.pricing_aws.go)",
      publisher: "Amazon Web Services (aws/karpenter-provider-aws), generated from the AWS Price List API",
      url: "https://github.com/aws/karpenter-provider-aws",
      licence: "Apache-2.0",
      commit: "1d927085dd81a9df9301e613f371dac5b4d16bfe",
      retrieved: "2026-07-20",
      notes:
        "Used for the AWS families the multi-region table does not carry (t3, t4g, m5, c5, r5, m6g, c6g, r6g, m6a, c6a, m6i, r6i and their d/n variants): " +
        "they are priced in us-east-1 only. Their vCPUs and memory come from CCF's AWS instance-type table.",
    },
    {
      id: instanceSourceIds.awsBurstableBaselines,
      title: "Amazon EC2 User Guide: key concepts for burstable performance instances (baseline utilization per vCPU of T2/T3/T3a/T4g)",
      publisher: "Amazon Web Services (awsdocs/amazon-ec2-user-guide, doc_source/burstable-credits-baseline-concepts.md)",
      url: "https://github.com/awsdocs/amazon-ec2-user-guide",
      licence: "CC BY-SA 4.0 (documentation; facts cited)",
      commit: "0147f878dcbad26b1151a12701a773743f0cd496",
      retrieved: "2026-08",
      notes:
        "Baseline utilization per vCPU: nano 5%, micro 10%, small 20%, medium 20%, large 30%, xlarge 40%, 2xlarge 40% for T3 and T4g. " +
        "Above the baseline an instance spends CPU credits; T3/T4g launch in unlimited mode, where sustained use above it is billed per vCPU-hour (not priced here).",
    },
    {
      id: instanceSourceIds.azureSizeDocs,
      title: "Azure VM size documentation: Dasv6 and Dadsv6-series specs (Processor row)",
      publisher: "Microsoft (MicrosoftDocs/azure-docs, articles/virtual-machines/sizes/general-purpose/includes/dasv6-dadsv6-series-specs.md)",
      url: "https://github.com/MicrosoftDocs/azure-docs",
      licence: "CC BY 4.0 (documentation; facts cited)",
      commit: "bc3bdcad7897236dc4e782709fcb0199c2edb051",
      retrieved: "2026-08",
      notes: "Dasv6 runs on AMD EPYC 9004 (Genoa), up to 96 vCPUs and 384 GiB.",
    },
  ];
}
