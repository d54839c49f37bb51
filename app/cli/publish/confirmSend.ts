// The question before a transaction is signed: "Publish? [y/N]", on the terminal, after the
// review and the simulation; `--yes` answers it in advance.
import { isYes, PromptAbortedError, type Prompter } from "../keys/prompter.ts";
import type { ConfirmSend } from "./localWallet.ts";

export function confirmSend(prompter: Prompter, yes: boolean | undefined, question: string): ConfirmSend {
  if (yes === true) return async () => true;
  return async () => {
    try {
      return isYes(await prompter.ask(`${question}? [y/N] `));
    } catch (error) {
      // Ctrl-C at the question is a no.
      if (error instanceof PromptAbortedError) return false;
      throw error;
    }
  };
}
