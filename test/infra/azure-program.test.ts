// The program on Azure under runtime mocks: the fixture's Ampere (arm64) alternative, and a T4 variant.
import { describe, expect, it } from "vitest";
import { emitStackConfig, fixturePlan, onlyOne, planChoosing, runProgram } from "./helpers.ts";

const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmockedkeyfortestsonly test@example";


describe("Azure fleet", () => {
  it("deploys the fixture's arm64 alternative (rank 3): RG, vnet + subnet, VMSS, autoscale, LB with probe", { timeout: 30_000 }, async () => {
    const plan = await fixturePlan();
    const azure = plan.alternatives.find((candidate) => candidate.provider === "azure");
    if (!azure) throw new Error("the fixture has an Azure alternative");
    const choosingAzure = planChoosing(plan, azure);
    const stackConfig = await emitStackConfig(choosingAzure, [`wattplan:sshPublicKey=${SSH_KEY}`]);
    expect(stackConfig["azure-native:location"]).toBe("swedencentral");
    const { resources, outputs, endpointUrl } = await runProgram(stackConfig);

    expect(onlyOne(resources, "azure-native:resources:ResourceGroup").inputs.location).toBe("swedencentral");
    expect(onlyOne(resources, "azure-native:network:VirtualNetwork").inputs.addressSpace.addressPrefixes).toEqual(["10.40.0.0/16"]);
    onlyOne(resources, "azure-native:network:Subnet");
    const scaleSet = onlyOne(resources, "azure-native:compute:VirtualMachineScaleSet");
    expect(scaleSet.inputs.location).toBe("swedencentral");
    expect(scaleSet.inputs.sku).toMatchObject({ name: "Standard_D8ps_v5", capacity: azure.instances.desired });
    expect(scaleSet.inputs.virtualMachineProfile.storageProfile.imageReference).toMatchObject({ publisher: "Canonical", sku: "22_04-lts-arm64" });
    expect(scaleSet.inputs.virtualMachineProfile.extensionProfile).toBeUndefined();
    expect(scaleSet.inputs.virtualMachineProfile.networkProfile.healthProbe.id).toMatch(/\/probes\/triton-ready$/);
    const customData = Buffer.from(scaleSet.inputs.virtualMachineProfile.osProfile.customData, "base64").toString("utf8");
    expect(customData).toContain(`max_batch_size: ${azure.batchSize}`);
    expect(customData).toContain("max_queue_delay_microseconds: 10000");
    expect(scaleSet.inputs.tags).toMatchObject({ "wattplan-plan-id": choosingAzure.id, "wattplan-grid-gco2e-per-kwh": String(azure.gridIntensityGCo2ePerKwh) });

    // No public IP on the instances; egress through the subnet's NAT gateway, not the load balancer.
    const nic = scaleSet.inputs.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0];
    expect(nic.ipConfigurations[0].publicIPAddressConfiguration).toBeUndefined();
    const natGateway = onlyOne(resources, "azure-native:network:NatGateway");
    expect(natGateway.inputs.sku).toEqual({ name: "Standard" });
    expect(onlyOne(resources, "azure-native:network:Subnet").inputs.natGateway).toEqual({ id: `${natGateway.name}-id` });
    expect(onlyOne(resources, "azure-native:network:LoadBalancer").inputs.outboundRules).toBeUndefined();
    // A new model rolls through in batches, gated by the health probe, new instances first.
    expect(scaleSet.inputs.upgradePolicy).toEqual({
      mode: "Rolling",
      rollingUpgradePolicy: {
        maxSurge: true,
        maxBatchInstancePercent: 20,
        maxUnhealthyInstancePercent: 20,
        maxUnhealthyUpgradedInstancePercent: 20,
        pauseTimeBetweenBatches: "PT0S",
        prioritizeUnhealthyInstances: true,
        rollbackFailedInstancesOnPolicyBreach: true,
      },
    });
    expect(scaleSet.inputs.automaticRepairsPolicy).toEqual({ enabled: true, gracePeriod: "PT15M" });

    const autoscale = onlyOne(resources, "azure-native:monitor:AutoscaleSetting");
    expect(autoscale.inputs.profiles[0].capacity).toEqual({
      minimum: String(azure.instances.min),
      default: String(azure.instances.desired),
      maximum: String(azure.instances.max),
    });
    const loadBalancer = onlyOne(resources, "azure-native:network:LoadBalancer");
    expect(loadBalancer.inputs.probes[0]).toMatchObject({ protocol: "Http", port: 8000, requestPath: "/v2/health/ready" });
    expect(loadBalancer.inputs.loadBalancingRules[0]).toMatchObject({ frontendPort: 8000, backendPort: 8000 });
    // Every resource that takes tags (subnets, blob containers, blobs and role assignments take none).
    const untagged = ["azure-native:network:Subnet", "azure-native:storage:BlobContainer", "azure-native:storage:Blob", "azure-native:authorization:RoleAssignment"];
    for (const resource of resources.filter((item) => item.type.startsWith("azure-native:") && !untagged.includes(item.type))) {
      expect(resource.inputs.tags?.["wattplan-plan-id"], resource.type).toBe(choosingAzure.id);
    }

    expect(endpointUrl).toBe("http://203.0.113.20:8000");
    expect(outputs).toMatchObject({ provider: "azure", region: "swedencentral", instanceType: "Standard_D8ps_v5" });
  });

  it("installs the NVIDIA driver extension and uses the x64 image for a T4 scale set", { timeout: 30_000 }, async () => {
    const plan = planChoosing(await fixturePlan(), {
      provider: "azure",
      region: "westeurope",
      instanceType: "Standard_NC4as_T4_v3",
      architecture: "x86_64",
      accelerator: { model: "T4", count: 1, memoryGb: 16 },
      precision: "fp32",
    });
    const { resources } = await runProgram(await emitStackConfig(plan, [`wattplan:sshPublicKey=${SSH_KEY}`]));
    const scaleSet = onlyOne(resources, "azure-native:compute:VirtualMachineScaleSet");
    expect(scaleSet.inputs.virtualMachineProfile.storageProfile.imageReference.sku).toBe("22_04-lts-gen2");
    expect(scaleSet.inputs.virtualMachineProfile.extensionProfile.extensions[0]).toMatchObject({ publisher: "Microsoft.HpcCompute", type: "NvidiaGpuDriverLinux" });
    const customData = Buffer.from(scaleSet.inputs.virtualMachineProfile.osProfile.customData, "base64").toString("utf8");
    expect(customData).toContain("nvidia-container-toolkit");
    expect(customData).toContain("kind: KIND_GPU");
  });

  it("uploads the planned artifact to a private container, readable by exactly the scale set's managed identity", { timeout: 30_000 }, async () => {
    const plan = await fixturePlan();
    const azure = plan.alternatives.find((candidate) => candidate.provider === "azure");
    if (!azure) throw new Error("the fixture has an Azure alternative");
    const stackConfig = await emitStackConfig(planChoosing(plan, azure), [`wattplan:sshPublicKey=${SSH_KEY}`]);
    const sha256 = stackConfig["wattplan:artifactSha256"] as string;
    const { resources } = await runProgram(stackConfig);
    const account = onlyOne(resources, "azure-native:storage:StorageAccount");
    expect(account.inputs).toMatchObject({ kind: "StorageV2", allowBlobPublicAccess: false, minimumTlsVersion: "TLS1_2", enableHttpsTrafficOnly: true, location: "swedencentral" });
    const container = onlyOne(resources, "azure-native:storage:BlobContainer");
    expect(container.inputs).toMatchObject({ containerName: "models", publicAccess: "None", accountName: account.name });
    expect(onlyOne(resources, "azure-native:storage:Blob").inputs).toMatchObject({
      accountName: account.name,
      containerName: "models",
      blobName: `${sha256}.onnx`,
      type: "Block",
      metadata: { sha256 },
      source: { fileAsset: stackConfig["wattplan:artifactPath"] },
    });
    // The identity the scale set runs as; the one role assignment: Storage Blob Data Reader on that container, for it.
    const identity = onlyOne(resources, "azure-native:managedidentity:UserAssignedIdentity");
    const scaleSet = onlyOne(resources, "azure-native:compute:VirtualMachineScaleSet");
    expect(scaleSet.inputs.identity).toEqual({ type: "UserAssigned", userAssignedIdentities: [`${identity.name}-id`] });
    const grant = onlyOne(resources, "azure-native:authorization:RoleAssignment");
    expect(grant.inputs).toMatchObject({ principalId: `${identity.name}-principal-id`, principalType: "ServicePrincipal", scope: `${container.name}-id` });
    expect(grant.inputs.roleDefinitionId).toMatch(/\/providers\/Microsoft\.Authorization\/roleDefinitions\/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1$/);
    const customData = Buffer.from(scaleSet.inputs.virtualMachineProfile.osProfile.customData, "base64").toString("utf8");
    expect(customData).toContain(`https://${account.name}.blob.core.windows.net/models/${sha256}.onnx`);
    expect(customData).toContain(`client_id=${identity.name}-client-id`);
    expect(customData).toContain(`echo '${sha256}  /var/lib/wattplan/models/resnet50/1/model.onnx' | sha256sum --check --status -`);
  });

  it("asks for an SSH key instead of failing later in Azure", { timeout: 30_000 }, async () => {
    const plan = await fixturePlan();
    const azure = plan.alternatives.find((candidate) => candidate.provider === "azure");
    if (!azure) throw new Error("the fixture has an Azure alternative");
    await expect(runProgram(await emitStackConfig(planChoosing(plan, azure)))).rejects.toThrow(/wattplan:sshPublicKey is required/);
  });
});
