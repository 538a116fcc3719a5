// Pulumi's runtime mocks for the bench machine programs: every resource and invoke recorded, with the outputs the
// real providers would compute where the program reads them (bucket names and ARNs, identities, endpoints).
import * as pulumi from "@pulumi/pulumi";

export { byType as all, onlyOne as only, outputValue, settle } from "../helpers.ts";

/** What a resource or an invoke was called with (the fleet tests' RecordedResource, without parents and options). */
export interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

export const MOCKED_AMI = "ami-0bench0000000000";
export const MOCKED_SUBNET = "subnet-in-a-zone-offering-the-type";
export const GCP_ZONE_WITH_TYPE = "europe-north2-b";
export const AZURE_SUBSCRIPTION = "00000000-0000-0000-0000-00000000abcd";
export const AZURE_USER_OBJECT = "11111111-2222-3333-4444-555555555555";

function computed(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  switch (type) {
    case "aws:s3/bucket:Bucket":
      return { bucket: `${name}-1a2b3c`, arn: `arn:aws:s3:::${name}-1a2b3c` };
    case "aws:iam/role:Role":
      return { name: `${name}-role-name`, arn: `arn:aws:iam::123456789012:role/${name}` };
    case "aws:iam/instanceProfile:InstanceProfile":
      return { name: `${name}-profile-name` };
    case "gcp:serviceaccount/account:Account":
      return { email: `${inputs.accountId}@bench-project.iam.gserviceaccount.com` };
    case "azure-native:managedidentity:UserAssignedIdentity":
      return { principalId: "identity-principal-id", clientId: "identity-client-id" };
    case "azure-native:storage:StorageAccount":
      return { primaryEndpoints: { blob: `https://${inputs.accountName}.blob.core.windows.net/` } };
    case "azure-native:storage:BlobContainer":
      return { id: `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/account/blobServices/default/containers/${inputs.containerName}` };
    default:
      return {};
  }
}

export async function setBenchMocks(): Promise<{ resources: Recorded[]; calls: Recorded[] }> {
  const resources: Recorded[] = [];
  const calls: Recorded[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs });
        const state = { ...args.inputs, ...computed(args.type, args.name, args.inputs) };
        return { id: (state.id as string | undefined) ?? `${args.name}-id`, state };
      },
      call: (args) => {
        calls.push({ type: args.token, name: args.token, inputs: args.inputs });
        switch (args.token) {
          case "aws:ssm/getParameter:getParameter":
            return { name: args.inputs.name, type: "String", value: MOCKED_AMI, insecureValue: MOCKED_AMI, arn: "arn", version: 1, id: args.inputs.name };
          case "aws:ec2/getVpc:getVpc":
            return { id: "vpc-default", cidrBlock: "172.31.0.0/16" };
          case "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings":
            return { id: "offerings", instanceTypes: [], locations: ["eu-north-1b"], locationTypes: ["availability-zone"] };
          case "aws:ec2/getSubnets:getSubnets":
            return { id: "subnets", ids: [MOCKED_SUBNET] };
          case "gcp:compute/getZones:getZones":
            return { id: "zones", names: ["europe-north2-c", "europe-north2-a", GCP_ZONE_WITH_TYPE] };
          case "gcp:compute/getMachineTypes:getMachineTypes":
            return { id: "types", machineTypes: args.inputs.zone === GCP_ZONE_WITH_TYPE ? [{ name: "found" }] : [] };
          case "azure-native:authorization:getClientConfig":
            return { clientId: "cli-client", objectId: AZURE_USER_OBJECT, subscriptionId: AZURE_SUBSCRIPTION, tenantId: "tenant" };
          default:
            throw new Error(`no mock for invoke ${args.token}`);
        }
      },
    },
    "wattplan-bench",
    "bench-0123abcd-test",
    false,
  );
  return { resources, calls };
}
