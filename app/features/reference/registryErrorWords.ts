// A registry's refusal in words: what happened and what to do. The page never shows a bare
// status code or a stack; "use the CLI" is said where only the CLI can help (the registry
// forbids browsers, or the browser cannot tell that from a network failure).
import { RegistryError } from "../../registry/errors.ts";

export interface RegistryProblem {
  message: string;
  /** Show the CLI command: the CLI is not bound by CORS and reads the Docker login. */
  useCli: boolean;
}

export function registryErrorWords(error: unknown, reference: string): RegistryProblem {
  if (!(error instanceof RegistryError))
    return { message: error instanceof Error ? error.message : String(error), useCli: false };
  switch (error.code) {
    case "bad-reference":
      return { message: error.message, useCli: false };
    case "unauthorized":
      return {
        message: `The registry asks for credentials to read ${reference} (401). Give a username and a token below — kept in this tab for this one check, never stored — or use the CLI, which reads your Docker login.`,
        useCli: true,
      };
    case "forbidden":
      return { message: `The registry refuses to let these credentials read ${reference} (403).`, useCli: false };
    case "not-found":
      return {
        message: `The registry has no ${reference} (404): check the repository and the tag or digest.`,
        useCli: false,
      };
    case "rate-limited":
      return {
        message: `The registry limits how often it may be asked (429)${error.retryAfter === undefined ? "" : `: try again in ${error.retryAfter} s`}. Signed-in requests usually get a higher limit.`,
        useCli: error.retryAfter === undefined,
      };
    case "browser-blocked":
    case "unreachable":
      return {
        message: `This registry does not allow browsers to read it (CORS), or it cannot be reached from here. Use the CLI instead:`,
        useCli: true,
      };
    case "aborted":
      return { message: "Stopped.", useCli: false };
    default:
      return { message: error.message, useCli: false };
  }
}
