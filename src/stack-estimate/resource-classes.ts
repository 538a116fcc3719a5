// Why a non-compute resource is not estimated. Storage and load balancers are named apart: they draw power and
// cost money, but the catalog has no sourced price or power figure for them yet.

const STORAGE = [
  /^aws:s3\/bucket/, /^aws:ebs\/volume:/, /^aws:efs\/fileSystem:/, /^aws:fsx\//,
  /^gcp:storage\/bucket:/, /^gcp:compute\/(region)?[dD]isk:/, /^gcp:filestore\//,
  /^azure-native:storage:StorageAccount$/, /^azure-native:compute:Disk$/, /^azure-native:storage:BlobContainer$/,
];

const LOAD_BALANCERS = [
  /^aws:(lb|alb|elb)\/loadBalancer:/, /^aws:lb\/(listener|targetGroup):/,
  /^gcp:compute\/(global|region)?[fF]orwardingRule:/, /^gcp:compute\/(region)?[bB]ackendService:/, /^gcp:compute\/(region)?[uU]rlMap:/,
  /^azure-native:network:(LoadBalancer|ApplicationGateway)$/,
];

const COMPUTE_NOT_MODELLED = [
  /^aws:(ecs|lambda|batch|sagemaker|rds|elasticache|opensearch|redshift)\//, /^gcp:(cloudrun|cloudrunv2|cloudfunctions|cloudfunctionsv2|sql|vertex|dataproc)\//,
  /^azure-native:(web|app|sql|dbforpostgresql|machinelearningservices|containerinstance):/,
];

export function notEstimatedReason(type: string, custom: boolean): string {
  if (type === "pulumi:pulumi:Stack") return "the stack itself: no cloud resource";
  if (type.startsWith("pulumi:providers:")) return "provider: no cloud resource";
  if (!custom) return "component resource: no cloud resource of its own (its children are listed)";
  if (STORAGE.some((pattern) => pattern.test(type))) return "storage: not estimated (the catalog has no sourced price or power figure for storage)";
  if (LOAD_BALANCERS.some((pattern) => pattern.test(type))) return "load balancer: not estimated (the catalog has no sourced price or power figure for load balancers)";
  if (COMPUTE_NOT_MODELLED.some((pattern) => pattern.test(type))) return "managed service: not estimated (wattplan estimates virtual machines, groups and node pools)";
  return "not compute: wattplan estimates virtual machines, groups and node pools";
}
