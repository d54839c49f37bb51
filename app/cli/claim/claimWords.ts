// A claim check in words, for `claim list` and the notes of push and record: what it proves
// when it checks out, or why it does not. Locations and messages come from the chain and from
// registries: the caller prints these lines through terminalLines, which escapes them.
import type { ClaimCheck } from "./claimsApi.ts";

export function provesWhat(check: ClaimCheck): string {
  const { kind, scope } = check.location;
  return kind === "repository" ? `push rights to the repository ${scope}` : `control of the host ${scope}`;
}

export function checkWords(check: ClaimCheck): string {
  if (check.status === "proven") {
    const artifact =
      check.evidence.artifactDigest === null ? check.evidence.url : `artifact ${check.evidence.artifactDigest}`;
    return `✓ proven: ${provesWhat(check)} (${artifact}, checked now)`;
  }
  return `✗ ${check.reason}: ${check.message}`;
}

/** Unix seconds → "2026-11-29 18:04 UTC". */
export function utc(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
