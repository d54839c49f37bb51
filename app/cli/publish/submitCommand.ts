// `imageseal submit release.json --chain …`: publishes a signed release, paying its gas.
import type { CliIo, Command } from "../command.ts";
import { SUBMIT_USAGE } from "./submitUsage.ts";

async function run(args: string[], io: CliIo): Promise<number> {
  const { runSubmit } = await import("./runSubmit.ts");
  return runSubmit(args, io);
}

export const submitCommand: Command = {
  name: "submit",
  summary: "publish a signed release, paying its gas",
  usage: SUBMIT_USAGE,
  run,
};
