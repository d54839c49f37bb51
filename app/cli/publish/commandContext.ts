// What publish, sign and submit share around their work: refusing secrets on the command line,
// where people read (stdout, or stderr under --json so stdout stays one JSON document), and
// failing with a sentence and an exit status.
import path from "node:path";
import process from "node:process";
import type { CliIo } from "../command.ts";
import { secretFlagProblem } from "../keys/loadSigningKey.ts";
import { type Prompter, processPrompter } from "../keys/prompter.ts";
import { terminalJson, terminalLine, terminalLines } from "../terminalText.ts";
import { PUBLISH_EXIT } from "./exitStatus.ts";

/** What a command reads from outside its arguments; tests replace it. */
export interface CommandDeps {
  prompter: Prompter;
  env: Record<string, string | undefined>;
  /** Where contracts/ignition/deployments lives, for `--chain localhost`. */
  projectRoot: string;
}

export function processDeps(): CommandDeps {
  return {
    prompter: processPrompter(),
    env: process.env,
    projectRoot: path.resolve(import.meta.dirname, "..", "..", ".."),
  };
}

export interface Reporter {
  /** Lines for people: on stdout, or on stderr under --json. */
  say(lines: readonly string[]): void;
  /** Progress notes: always stderr. */
  note(line: string): void;
  /** The one JSON document (with --json). */
  json(value: unknown): void;
  /** Prints the error, with its detail lines (and under --json an {"error"} document), and returns `status`. */
  fail(message: string, status?: number, kind?: string, details?: readonly string[]): number;
}

export function reporter(io: CliIo, command: string, json: boolean, usage?: string): Reporter {
  return {
    say: (lines) => (json ? io.stderr : io.stdout).write(terminalLines(lines)),
    note: (line) => io.stderr.write(terminalLine(line)),
    json: (value) => io.stdout.write(terminalJson(value)),
    fail(message, status = PUBLISH_EXIT.badInput, kind = "bad-input", details = []) {
      const lines = details.length > 0 ? terminalLines(details.map((detail) => `  - ${detail}`)) : "";
      io.stderr.write(`${terminalLine(`imageseal ${command}: ${message}`)}${lines}${usage ? `\n${usage}` : ""}`);
      if (json)
        io.stdout.write(
          terminalJson({
            command,
            status: "failed",
            exitStatus: status,
            error: { kind, message, ...(details.length > 0 ? { details } : {}) },
          }),
        );
      return status;
    },
  };
}

/** What parseArgs gives back, as far as startCommand reads it. */
interface ParsedOptions {
  values: { help?: boolean | undefined };
  positionals: string[];
}

/**
 * What every command that takes keys does first: refuse a secret given as a flag, parse the
 * options (a bad one fails with the usage), answer --help. The exit status to return at once,
 * or the parsed options.
 */
export function startCommand<T extends ParsedOptions>(
  io: CliIo,
  command: string,
  usage: string,
  args: string[],
  parse: (args: string[]) => T,
): number | T {
  const json = args.includes("--json");
  const secret = secretFlagProblem(args);
  if (secret !== null) return reporter(io, command, json).fail(secret);
  let parsed: T;
  try {
    parsed = parse(args);
  } catch (error) {
    return reporter(io, command, json, usage).fail(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help === true) {
    io.stdout.write(usage);
    return PUBLISH_EXIT.ok;
  }
  return parsed;
}

/** Refuses to go on when nobody can answer "[y/N]" and --yes was not given. */
export function unattendedProblem(prompter: Prompter, yes: boolean | undefined, verb: string): string | null {
  if (yes === true || prompter.interactive) return null;
  return `${verb} asks for confirmation ("${verb}? [y/N]"), and nobody can answer here (stdin is not a terminal). Pass --yes to ${verb.toLowerCase()} without asking, after checking what it records.`;
}
