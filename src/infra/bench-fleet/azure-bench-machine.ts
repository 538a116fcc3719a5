// Azure: a VM of the size in a resource group of its own, on a virtual network whose security group admits nothing
// from outside (a Standard public IP for egress only), with a user-assigned identity that may read the inputs
// container and write the results container; the NVIDIA driver extension on GPU sizes. Powering off from inside
// stops the VM but Azure keeps billing a stopped (not deallocated) VM: `bench --on` destroys it.
import * as compute from "@pulumi/azure-native/compute/index.js";
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import * as network from "@pulumi/azure-native/network/index.js";
import { Provider } from "@pulumi/azure-native/provider.js";
import * as resources from "@pulumi/azure-native/resources/index.js";
import * as pulumi from "@pulumi/pulumi";
import { NVIDIA_DRIVER_EXTENSION } from "../azure-fleet.ts";
import { AzureArtifactStore } from "../artifact-store/azure.ts";
import { azureBenchImage } from "./images.ts";
import { benchArtifacts, bootScriptFor, globalName, resourcePrefix, type BenchMachineSpec } from "./machine-spec.ts";
import { AZURE_CONTAINERS, RESULTS_PREFIX, type ResultsLocation } from "./results-layout.ts";
import { throwawaySshPublicKey } from "./throwaway-ssh-key.ts";

const ADMIN_USER = "wattplan";

export class AzureBenchMachine extends pulumi.ComponentResource {
  readonly results: pulumi.Output<ResultsLocation>;
  readonly instanceId: pulumi.Output<string>;

  constructor(spec: BenchMachineSpec, opts?: pulumi.ComponentResourceOptions) {
    const name = resourcePrefix(spec);
    super("wattplan:azure:BenchMachine", name, {}, opts);
    const location = spec.region;
    const tags = spec.labels;
    const provider = new Provider(`${name}-provider`, { location }, { parent: this });
    const child = { parent: this, provider };
    const group = new resources.ResourceGroup(`${name}-rg`, { location, tags }, child);
    const resourceGroupName = group.name;
    const identity = new managedidentity.UserAssignedIdentity(`${name}-identity`, { resourceGroupName, location, tags }, child);
    const store = new AzureArtifactStore(
      `${name}-store`,
      {
        resourceGroupName,
        location,
        accountName: globalName(spec.stackName, "wb", 24),
        artifacts: benchArtifacts(spec),
        reader: { principalId: identity.principalId },
        resultsPrefix: RESULTS_PREFIX,
        resultsReaderPrincipalId: authorization.getClientConfigOutput(child).objectId,
        labels: tags,
      },
      child,
    );
    // The default rules of a security group deny inbound traffic from the internet; none is added.
    const securityGroup = new network.NetworkSecurityGroup(`${name}-nsg`, { resourceGroupName, location, tags }, child);
    const virtualNetwork = new network.VirtualNetwork(`${name}-vnet`, { resourceGroupName, location, addressSpace: { addressPrefixes: ["10.61.0.0/16"] }, tags }, child);
    const subnet = new network.Subnet(
      `${name}-subnet`,
      { resourceGroupName, virtualNetworkName: virtualNetwork.name, addressPrefix: "10.61.0.0/24", networkSecurityGroup: { id: securityGroup.id } },
      child,
    );
    const publicIp = new network.PublicIPAddress(`${name}-egress-ip`, { resourceGroupName, location, sku: { name: "Standard" }, publicIPAllocationMethod: "Static", tags }, child);
    const nic = new network.NetworkInterface(
      `${name}-nic`,
      { resourceGroupName, location, ipConfigurations: [{ name: "primary", subnet: { id: subnet.id }, publicIPAddress: { id: publicIp.id } }], tags },
      child,
    );
    const customData = pulumi.all([store.blobEndpoint, identity.clientId]).apply(([blobEndpoint, identityClientId]) =>
      Buffer.from(bootScriptFor(spec, { provider: "azure", blobEndpoint, identityClientId })).toString("base64"),
    );
    const machine = new compute.VirtualMachine(
      `${name}-machine`,
      {
        resourceGroupName,
        location,
        hardwareProfile: { vmSize: spec.instanceType },
        storageProfile: { imageReference: azureBenchImage(spec.hardware), osDisk: { createOption: "FromImage", deleteOption: "Delete", managedDisk: { storageAccountType: "StandardSSD_LRS" } } },
        osProfile: {
          computerName: name,
          adminUsername: ADMIN_USER,
          customData,
          linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: `/home/${ADMIN_USER}/.ssh/authorized_keys`, keyData: throwawaySshPublicKey() }] } },
        },
        networkProfile: { networkInterfaces: [{ id: nic.id, primary: true, deleteOption: "Delete" }] },
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        tags,
      },
      { ...child, dependsOn: [store], ignoreChanges: ["osProfile.linuxConfiguration.ssh.publicKeys"] },
    );
    if (spec.hardware.gpu) {
      new compute.VirtualMachineExtension(
        `${name}-nvidia-driver`,
        { resourceGroupName, vmName: machine.name, location, ...NVIDIA_DRIVER_EXTENSION, autoUpgradeMinorVersion: true, tags },
        child,
      );
    }
    this.instanceId = machine.vmId;
    this.results = store.blobEndpoint.apply((blobEndpoint) => ({ provider: "azure" as const, blobEndpoint, container: AZURE_CONTAINERS.results, prefix: "" }));
    this.registerOutputs({ results: this.results, instanceId: this.instanceId });
  }
}
