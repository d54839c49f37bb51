import { CopyButton } from "../../ui/CopyButton.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import type { RegistryProblem } from "./registryErrorWords.ts";

/** Why a reference could not be read, and — where only the CLI can help — the command to run instead. */
export function ReferenceProblem({ problem, command }: { problem: RegistryProblem; command: string }) {
  return (
    <div role="alert" className="card error" data-testid="reference-problem">
      <p>
        <UntrustedText text={problem.message} what="message" />
      </p>
      {problem.useCli && (
        <p className="row">
          <code data-testid="cli-command" className="break">
            <UntrustedText text={command} what="command" flag={false} />
          </code>
          <CopyButton value={command} label="the command" />
        </p>
      )}
    </div>
  );
}
