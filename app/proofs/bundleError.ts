// Why a proof bundle cannot be used, in words a user can act on. `problem` is stable for tests
// and JSON output; a ProofError underneath (a broken hash link) becomes "proof-invalid".
export type BundleProblem =
  | "malformed"
  | "wrong-chain"
  | "wrong-registry"
  | "untrusted-block"
  | "proof-invalid"
  | "no-registry"
  | "incomplete"
  | "forged-release"
  | "not-covered";

export class BundleError extends Error {
  readonly problem: BundleProblem;

  constructor(problem: BundleProblem, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "BundleError";
    this.problem = problem;
  }
}
