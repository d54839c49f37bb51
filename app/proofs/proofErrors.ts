// Why a proof does not hold. Every check of a header or a Merkle proof fails with this one
// error type, and its `problem` says which link of the chain of hashes broke, so a verifier can
// print a plain sentence and a test can assert the exact failure.
type ProofProblem =
  | "header-hash-mismatch"
  | "header-malformed"
  | "proof-node-hash-mismatch"
  | "proof-node-malformed"
  | "proof-incomplete"
  | "proof-trailing-nodes"
  | "account-malformed";

export class ProofError extends Error {
  readonly problem: ProofProblem;

  constructor(problem: ProofProblem, message: string) {
    super(message);
    this.name = "ProofError";
    this.problem = problem;
  }
}
