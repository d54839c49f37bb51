// The contract's rules for a release, checked before anything is signed or sent, so a form
// can say what is wrong as the user types (the contract checks them again; see ReleaseNames.sol).
import { isSha256Digest } from "../image/digest.ts";
import { digestToBytes32 } from "./digests.ts";
import { DIGEST_KINDS, type ReleaseInput } from "./release.ts";

const MAX_NAME_BYTES = 255;

/** What is wrong with a release input, one sentence per problem; empty when the contract will accept it. */
export function releaseInputProblems(input: ReleaseInput): string[] {
  const problems: string[] = [];
  const bytes = new TextEncoder().encode(input.name);
  if (bytes.length === 0) problems.push("The name is empty.");
  if (bytes.length > MAX_NAME_BYTES)
    problems.push(`The name is ${bytes.length} bytes long; at most ${MAX_NAME_BYTES} are allowed.`);
  const control = bytes.findIndex((byte) => byte < 0x20 || byte === 0x7f);
  if (control !== -1) problems.push(`The name holds a control character at byte ${control}.`);
  let named = 0;
  for (const kind of DIGEST_KINDS) {
    const digest = input[kind];
    if (digest === null) continue;
    named++;
    if (!isSha256Digest(digest)) problems.push(`The ${kind} is not a sha256:<64 hex> digest.`);
    else if (/^sha256:0{64}$/.test(digest)) problems.push(`The ${kind} is all zeros, which means "none" on chain.`);
  }
  if (named === 0)
    problems.push(
      "The release names no digest: give at least one of imageId, manifestDigest, indexDigest, archiveDigest.",
    );
  return problems;
}

/** The contract's `ReleaseInput` tuple. Call releaseInputProblems first: this throws on a bad digest. */
export function releaseInputToChain(input: ReleaseInput) {
  return {
    name: input.name,
    imageId: digestToBytes32(input.imageId),
    manifestDigest: digestToBytes32(input.manifestDigest),
    indexDigest: digestToBytes32(input.indexDigest),
    archiveDigest: digestToBytes32(input.archiveDigest),
  };
}
