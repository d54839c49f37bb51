// What a subcommand is. Each lives in its own folder and is listed once in commands.ts.

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Fires on Ctrl-C so a command can stop its workers and exit cleanly. */
  interrupt: AbortSignal;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  usage: string;
  /** Resolves to the process exit status. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit statuses shared by all commands: scripts branch on these. */
export const EXIT = {
  ok: 0,
  tampered: 1,
  /** Unsupported or unreadable input, and usage errors. */
  unsupported: 2,
  interrupted: 130,
} as const;
