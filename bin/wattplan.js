#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so users need no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
