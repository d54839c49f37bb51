// `imageseal sign <archive> --name … --chain … -o release.json`: a gasless signed release.
import type { CliIo, Command } from "../command.ts";
import { SIGN_USAGE } from "./signUsage.ts";

async function run(args: string[], io: CliIo): Promise<number> {
  const { runSign } = await import("./runSign.ts");
  return runSign(args, io);
}

export const signCommand: Command = {
  name: "sign",
  summary: "sign a release for someone else to submit (no gas)",
  usage: SIGN_USAGE,
  run,
};
