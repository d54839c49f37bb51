#!/usr/bin/env node
// `imageseal <command> …`: dispatches to a subcommand and exits with its status.
import process from "node:process";
import { type CliIo, EXIT } from "./command.ts";
import { commands } from "./commands.ts";
import { terminalLine } from "./terminalText.ts";

function usage(): string {
  const lines = commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`);
  return `usage: imageseal <command> [options]\n\ncommands:\n${lines.join("\n")}\n\nRun "imageseal <command> --help" for a command's options.\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name === undefined ? EXIT.unsupported : EXIT.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`${terminalLine(`imageseal: unknown command "${name}"`)}\n${usage()}`);
    return EXIT.unsupported;
  }
  const interrupt = new AbortController();
  process.once("SIGINT", () => interrupt.abort(new Error("interrupted")));
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, interrupt: interrupt.signal };
  return command.run(args, io);
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(terminalLine(`imageseal: ${error instanceof Error ? error.message : String(error)}`));
    process.exitCode = EXIT.unsupported;
  },
);
