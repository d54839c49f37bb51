// `imageseal publish <archive|reference> [--name …] --chain …`: records the release(s) from a key.
// The work lives in runPublish.ts, loaded on use (viem and the engine cost start-up time that
// other commands should not pay).
import type { CliIo, Command } from "../command.ts";
import { PUBLISH_USAGE } from "./publishUsage.ts";

async function run(args: string[], io: CliIo): Promise<number> {
  const { runPublish } = await import("./runPublish.ts");
  return runPublish(args, io);
}

export const publishCommand: Command = {
  name: "publish",
  summary: "record an archive's or image reference's release(s) in the registry",
  usage: PUBLISH_USAGE,
  run,
};
