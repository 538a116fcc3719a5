// Started by runtime-entry.test.ts as `node <Pulumi.yaml nodeargs> runtime-bootstrap.mjs <main>`. Plain JavaScript, as
// Pulumi's own run.js is: nothing here may need a loader the project's flags do not give. It stands in for
// @pulumi/pulumi's cmd/run (what the Node.js language host starts with those same node flags): run.js imports the
// `main` file by file URL with a dynamic import() (the package is "type": "module"), uses the default export when
// there is one and calls it if it is a function, awaiting the result as the stack outputs. Here the engine and
// resource monitor are replaced by runtime mocks, set before the program is imported, and what the program
// registers is printed as JSON on stdout.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as pulumi from "@pulumi/pulumi";

const mainPath = process.argv[2];
if (!mainPath) throw new Error("usage: runtime-bootstrap.mjs <program main>");
const config = JSON.parse(process.env.WATTPLAN_TEST_CONFIG ?? "{}");

const resources = [];
await pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      resources.push({ type: args.type, name: args.name });
      return { id: `${args.name}-id`, state: { ...args.inputs, dnsName: "endpoint.example", ipAddress: "203.0.113.1", arnSuffix: "suffix", primaryEndpoints: { blob: "https://account.blob.core.windows.net/" } } };
    },
    call: (args) => (args.token.startsWith("aws:ssm/") ? { value: "ami-1", insecureValue: "ami-1" } : args.token === "aws:ec2/getSubnets:getSubnets" ? { ids: ["subnet-a", "subnet-b"] } : { id: "vpc-default", zoneIds: ["az1", "az2"], locations: ["az1"], ...args.inputs }),
  },
  "wattplan",
  "runtime",
  false,
);
pulumi.runtime.setAllConfig(config);

const namespace = await import(pathToFileURL(resolve(mainPath)).href);
let programExport = namespace;
if (Object.getOwnPropertyDescriptor(namespace, "default") !== undefined) {
  if (Object.keys(namespace).length !== 1) throw new Error("expected entrypoint module to have either a default export or named exports but not both");
  programExport = namespace.default;
}
const result = await (typeof programExport === "function" ? programExport() : programExport);
const endpointUrl = await new Promise((done) => result.endpointUrl.apply(done));
await new Promise((done) => setTimeout(done, 100));
process.stdout.write(`${JSON.stringify({ resources, outputs: { ...result, endpointUrl } })}\n`);
process.exit(0);
