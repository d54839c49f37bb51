// `imageseal bundle <file|sha256:…> --chain … --publisher … -o proof.json`
// The work lives in runBundle.ts, loaded on use (viem and the chain list are slow to load).
import type { CliIo, Command } from "../command.ts";
import { BUNDLE_USAGE } from "./bundleUsage.ts";

async function run(args: string[], io: CliIo): Promise<number> {
  const { runBundle } = await import("./runBundle.ts");
  return runBundle(args, io);
}

export const bundleCommand: Command = {
  name: "bundle",
  summary: "write a proof bundle for offline verification",
  usage: BUNDLE_USAGE,
  run,
};
