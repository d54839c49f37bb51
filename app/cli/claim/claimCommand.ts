// `imageseal claim push|well-known|record|withdraw|list`: a publisher proves which repositories
// and domains it controls. The work lives in runClaim.ts, loaded on use.
import type { CliIo, Command } from "../command.ts";
import { CLAIM_USAGE } from "./claimUsage.ts";

async function run(args: string[], io: CliIo): Promise<number> {
  const { runClaim } = await import("./runClaim.ts");
  return runClaim(args, io);
}

export const claimCommand: Command = {
  name: "claim",
  summary: "prove control of a repository or domain; record, list and check claims",
  usage: CLAIM_USAGE,
  run,
};
