// `imageseal verify <file|reference> --chain <name|url> [--publisher <address>]... [--namespace <scope>]... [--pull] …`
// The work lives in runVerify.ts, loaded on use: viem and the chain list add ~0.7 s to the
// start-up of every command, which `imageseal inspect` should not pay.
import type { CliIo, Command } from "../command.ts";
import { VERIFY_USAGE } from "./verifyUsage.ts";

async function run(args: string[], io: CliIo): Promise<number> {
  const { runVerify } = await import("./runVerify.ts");
  return runVerify(args, io);
}

export const verifyCommand: Command = {
  name: "verify",
  summary: "check an archive or image reference against the releases in the registry",
  usage: VERIFY_USAGE,
  run,
};
