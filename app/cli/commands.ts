// The subcommands `imageseal` knows. Add one by writing its folder and listing it here.

import { bundleCommand } from "./bundle/bundleCommand.ts";
import { claimCommand } from "./claim/claimCommand.ts";
import type { Command } from "./command.ts";
import { inspectCommand } from "./inspect/inspectCommand.ts";
import { publishCommand } from "./publish/publishCommand.ts";
import { signCommand } from "./publish/signCommand.ts";
import { submitCommand } from "./publish/submitCommand.ts";
import { verifyCommand } from "./verify/verifyCommand.ts";

export const commands: readonly Command[] = [
  inspectCommand,
  verifyCommand,
  publishCommand,
  signCommand,
  submitCommand,
  claimCommand,
  bundleCommand,
];
