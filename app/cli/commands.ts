// The subcommands `imageseal` knows. Add one by writing its folder and listing it here.
import type { Command } from "./command.ts";
import { inspectCommand } from "./inspect/inspectCommand.ts";
import { verifyCommand } from "./verify/verifyCommand.ts";

export const commands: readonly Command[] = [inspectCommand, verifyCommand];
