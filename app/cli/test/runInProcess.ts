// Runs CLI commands in this process, as `imageseal` would after parsing argv: stdout and
// stderr captured, a scripted terminal, and an environment of the test's choosing (also as
// process.env, which verify reads, for the duration of the run).
import type { CliIo } from "../command.ts";
import type { Prompter } from "../keys/prompter.ts";
import type { CommandDeps } from "../publish/commandContext.ts";

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
  /** The questions the scripted terminal was asked, in order. */
  asked: string[];
}

export type Runner = (args: string[], io: CliIo, deps: CommandDeps) => Promise<number>;

export interface Terminal {
  interactive?: boolean;
  answer?: string;
}

export async function runInProcess(
  run: Runner,
  args: string[],
  env: Record<string, string>,
  projectRoot: string,
  terminal: Terminal = {},
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const asked: string[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    interrupt: new AbortController().signal,
  };
  const prompter: Prompter = {
    interactive: terminal.interactive ?? false,
    ask: async (question) => {
      asked.push(question);
      stderr += question;
      return terminal.answer ?? "";
    },
    askHidden: async (question) => {
      asked.push(question);
      return terminal.answer ?? "";
    },
  };
  const saved = process.env;
  process.env = { PATH: saved.PATH, ...env };
  try {
    const status = await run(args, io, { prompter, env: process.env, projectRoot });
    return { status, stdout, stderr, asked };
  } finally {
    process.env = saved;
  }
}
