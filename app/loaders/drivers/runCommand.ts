// Runs one tool command with a hard time limit. Every driver goes through here so that no
// loader can hang the harness: the command runs in its own process group, and on timeout
// the whole group is killed (a tool's helpers, e.g. skopeo's decompressors, die with it).
import { spawn } from "node:child_process";

interface CommandResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
}

interface CommandOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

class CommandNotFoundError extends Error {
  readonly code = "command-not-found";
  readonly command: string;
  constructor(command: string) {
    super(`${command} is not installed`);
    this.command = command;
  }
}

export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === "ENOENT" ? new CommandNotFoundError(command) : error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8"), timedOut });
    });
  });
}

/** Kills a process group started with `detached: true` (its leader's pid is the group id). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = "SIGKILL"): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** The tool's refusal in one short line: the last non-empty stderr line, without logrus framing. */
export function refusalOf(result: CommandResult): string {
  if (result.timedOut) return "timed out";
  const lines = result.stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const last = lines.at(-1) ?? `exit code ${result.code}`;
  const msg = /msg="((?:[^"\\]|\\.)*)"/.exec(last);
  const text = msg?.[1] ? msg[1].replace(/\\"/g, '"') : last;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export async function isCommandPresent(command: string): Promise<boolean> {
  try {
    const result = await runCommand(command, ["--version"], { timeoutMs: 10_000 });
    return result.code === 0;
  } catch {
    return false;
  }
}
