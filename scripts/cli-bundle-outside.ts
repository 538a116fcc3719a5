// The packages the CLI bundle leaves outside (scripts/build-cli-bundle.ts), loaded with require() from
// dist/cli/wattplan.cjs when a command needs them: native code (onnxruntime), protobufjs's generated code, the Pulumi
// SDKs and the clouds' storage SDKs (seconds to load, and left out of a bench machine's install), and the country
// table read through createRequire. test/cli/shipped-cli.test.ts checks that each resolves for require().
export const packagesOutsideBundle = ["onnxruntime-node", "onnx-proto", "protobufjs", "@pulumi/*", "@aws-sdk/*", "@azure/*", "@google-cloud/*", "world-countries"];
