#!/usr/bin/env node
// The `imageseal` bin: says in one sentence when this Node cannot run ImageSeal's TypeScript
// (app/tools/requireNode.mjs), then runs the CLI (imageseal.ts), which reads process.argv as is.
import process from "node:process";
import { nodeVersionProblem } from "../tools/requireNode.mjs";

const problem = nodeVersionProblem(process.version);
if (problem !== null) {
  process.stderr.write(`imageseal: ${problem}\n`);
  process.exit(2);
}
await import("./imageseal.ts");
