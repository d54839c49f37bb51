// Questions for the person at the terminal: a passphrase (typed without echo) and a yes/no.
// Asked on stderr, so `--json` output on stdout stays one document. Commands take a Prompter
// so tests can answer for the person; processPrompter() is the real terminal.
import process from "node:process";
import { createInterface } from "node:readline/promises";

export interface Prompter {
  /** Whether someone can answer: stdin and stderr are both a terminal (not CI, not a pipe). */
  interactive: boolean;
  ask(question: string): Promise<string>;
  /** Reads a line without echoing it: nothing typed appears on the screen or in a scrollback. */
  askHidden(question: string): Promise<string>;
}

/** Ctrl-C or Ctrl-D at a prompt. */
export class PromptAbortedError extends Error {
  override readonly name = "PromptAbortedError";
}

const CTRL_C = "\u0003";
const CTRL_D = "\u0004";
const BACKSPACES = new Set(["\u007f", "\b"]);

function readHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = (error: Error | null) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const character of chunk.toString("utf8")) {
        if (character === "\r" || character === "\n") return finish(null);
        if (character === CTRL_C || character === CTRL_D)
          return finish(new PromptAbortedError("No passphrase was entered."));
        if (BACKSPACES.has(character)) typed = [...typed].slice(0, -1).join("");
        else typed += character;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

async function readLine(question: string): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // readline takes Ctrl-C for itself (the terminal is raw): without this the question would wait forever.
  const cancel = new AbortController();
  lines.once("SIGINT", () => cancel.abort());
  try {
    return await lines.question(question, { signal: cancel.signal });
  } catch (error) {
    if (cancel.signal.aborted) throw new PromptAbortedError("Interrupted at the prompt.");
    throw error;
  } finally {
    lines.close();
  }
}

export function processPrompter(): Prompter {
  return {
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
    ask: readLine,
    askHidden: readHidden,
  };
}

/** The answer to "… [y/N]": only y or yes (any case) agrees; anything else, or nothing, declines. */
export function isYes(answer: string): boolean {
  return /^\s*y(?:es)?\s*$/i.test(answer);
}
