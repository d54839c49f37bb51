// Every ImageRegistry custom error, decoded with its arguments and said in words: what
// happened and what to do. Typed against the generated ABI, so a new error in the contract
// fails the typecheck here until it has a message.
import { type ContractErrorArgs, type ContractErrorName, zeroAddress } from "viem";
import { formatUnixTime } from "./formatTime.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import { formatReleaseId } from "./releaseId.ts";

type RegistryAbi = typeof imageRegistryAbi;
export type RegistryErrorName = ContractErrorName<RegistryAbi>;

/** A decoded revert: the error's name and its arguments, narrowed together. */
export type RegistryRevert = {
  [N in RegistryErrorName]: { errorName: N; args: ContractErrorArgs<RegistryAbi, N> };
}[RegistryErrorName];

/** Who sent the transaction, for wording: the connected account, or someone submitting a publisher's signature. */
export type RevertSubject = "you" | "publisher";

type Messages = {
  [N in RegistryErrorName]: (args: ContractErrorArgs<RegistryAbi, N>, subject: RevertSubject) => string;
};

const MESSAGES: Messages = {
  ImageRegistryEmptyName: () => "The release has no name. Give the image's name, e.g. docker.io/acme/api:1.4.2.",
  ImageRegistryNameTooLong: ([length]) =>
    `The name is ${length} bytes long; the registry accepts at most 255. Use a shorter name.`,
  ImageRegistryInvalidNameByte: ([index, value]) =>
    `The name holds a control character (byte ${value}) at position ${index}. Names are printable text: remove it.`,
  ImageRegistryNoDigest: () =>
    "The release names no digest. Give at least one of imageId, manifestDigest, indexDigest or archiveDigest.",
  ImageRegistryAlreadyPublished: ([existingId], subject) =>
    `${subject === "you" ? "You" : "The publisher"} already published this exact release (id ${formatReleaseId(existingId)}) and it is still valid. Nothing to do; to publish it again, revoke that release first.`,
  ImageRegistryUnknownRelease: ([id]) =>
    `There is no release with id ${formatReleaseId(id)} in this registry. Check the id and the chain.`,
  ImageRegistryNotPublisher: ([id, caller, publisher]) =>
    `Only a release's publisher can revoke it: release ${formatReleaseId(id)} was published by ${publisher}, and this transaction comes from ${caller}. Switch to the publisher's account.`,
  ImageRegistryAlreadyRevoked: ([id, revokedAt]) =>
    `Release ${formatReleaseId(id)} was already revoked on ${formatUnixTime(revokedAt)}. Nothing to do.`,
  ImageRegistryEmptyBatch: () => "The batch holds no release. Add at least one.",
  ImageRegistryExpiredSignature: ([deadline]) =>
    `The signature's deadline (${formatUnixTime(deadline)}) has passed. Ask the publisher to sign the release again with a later deadline.`,
  ImageRegistryInvalidSignatureLength: ([length]) =>
    `The signature is ${length} bytes long; it must be 65 (r, s, v). The signed release is damaged: ask the publisher for it again.`,
  ImageRegistryInvalidSignatureS: ([s]) =>
    `The signature is a malleated copy (its s value ${s} is in the upper half of the curve order). Submit the signature exactly as the publisher's wallet made it.`,
  ImageRegistryInvalidSignatureV: ([v]) =>
    `The signature's v is ${v}; it must be 27 or 28. Submit the signature exactly as the publisher's wallet made it.`,
  ImageRegistryInvalidSigner: ([recovered, signer]) =>
    recovered === zeroAddress
      ? `The signature recovers to no address, so it is not ${signer}'s. Ask ${signer} to sign this exact release again.`
      : `The signature is ${recovered}'s, not ${signer}'s (the signer the submission names), for this release, nonce and deadline. Ask ${signer} to sign this exact release.`,
  ImageRegistryStaleNonce: ([nonce, current]) =>
    nonce < current
      ? `The publisher has revoked a release or cancelled its signatures since this was signed (nonce ${nonce}, now ${current}), which voided the signature. Ask the publisher for a new signature.`
      : `The signature was made for the publisher's nonce ${nonce}, which it has not reached (it is ${current} now). Ask the publisher for a signature made for nonce ${current}.`,
  ImageRegistryInvalidNonce: ([current, requested]) =>
    `Cancelling signatures moves the nonce forward to a value below 2^128: it is ${current} now, and ${requested} is not above it (or too large). Choose a nonce above ${current}.`,
  ImageRegistryInvalidContractSignature: ([signer]) =>
    `The contract account ${signer} did not accept the signature (EIP-1271 isValidSignature). Its owners must sign this exact release, in the form the account expects (e.g. enough owners' signatures).`,
  ImageRegistryNotDelegate: ([publisher, signer]) =>
    `${signer} holds no delegation from ${publisher}, so it cannot publish on ${publisher}'s behalf. The publisher must authorise it first, or sign itself.`,
  ImageRegistryDelegationRevoked: ([publisher, delegate, revokedAt]) =>
    `${publisher} revoked the delegation of ${delegate} on ${formatUnixTime(revokedAt)}: that key can no longer publish for it. The publisher must authorise it again.`,
  ImageRegistryDelegationExpired: ([publisher, delegate, expiresAt]) =>
    `The delegation of ${delegate} by ${publisher} expired on ${formatUnixTime(expiresAt)}: that key can no longer publish for it. The publisher must renew it.`,
  ImageRegistryNameOutOfScope: ([name, namePrefix]) =>
    `The delegate may publish only names starting with ${JSON.stringify(namePrefix)}, and ${JSON.stringify(name)} does not. Use a name in that scope, or ask the publisher to widen it.`,
  ImageRegistryInvalidDelegate: ([delegate]) =>
    delegate === zeroAddress
      ? "The delegate is the zero address. Give the address of the key that is to publish on your behalf."
      : `${delegate} is your own account: a publisher needs no delegation to publish itself. Give another key's address.`,
  ImageRegistryInvalidExpiry: ([expiresAt]) =>
    `A delegation's expiry must be after the current block's time and before 2106 (2^32 seconds); ${formatUnixTime(expiresAt)} is not. Choose a later expiry.`,
  ImageRegistryTimestampOutOfRange: ([timestamp]) =>
    `This chain's block timestamp ${timestamp} is outside what the registry can store (1 to 2^32 - 1, i.e. until 2106). Releases cannot be recorded on it.`,
  ImageRegistryBlockNumberOutOfRange: ([blockNumber]) =>
    `This chain's block number ${blockNumber} is beyond what the registry can store (2^32 - 1). Releases cannot be recorded on it.`,
  ImageRegistryTooManyPublishers: ([publisher]) =>
    `The registry holds the most publishers it can (2^32 - 2); ${publisher} cannot be added. Use another deployment.`,
  ImageRegistryTooManyReleases: ([publisher]) =>
    `${publisher} has published the most releases one account can (2^32). Publish from another account.`,
  ImageRegistryTooManyReleasesForDigest: ([digest]) =>
    `The digest ${digest} is named by the most releases one digest can have (2^32 - 1); no more can be recorded for it.`,
  ImageRegistryClaimLocationInvalid: ([length]) =>
    length === 0n
      ? "The claim has no location. Give where the signed claim lives: oci://<registry>/<repository> or https://<domain>."
      : `The claim location is ${length} bytes long; the registry accepts at most 256. Use a shorter repository or domain.`,
  ImageRegistryTooManyClaims: ([publisher, limit]) =>
    `${publisher} has recorded ${limit} claims, the most one account can (withdrawn ones count too). Record further claims from another account.`,
  ImageRegistryClaimNotFound: ([publisher, index]) =>
    `${publisher} has no claim number ${index}. Check the list of your claims: you can withdraw only your own.`,
  ImageRegistryClaimAlreadyWithdrawn: ([publisher, index]) =>
    `${publisher}'s claim number ${index} was already withdrawn. Nothing to do.`,
};

export function describeRegistryRevert(revert: RegistryRevert, subject: RevertSubject = "you"): string {
  const describe = MESSAGES[revert.errorName] as (args: RegistryRevert["args"], subject: RevertSubject) => string;
  return describe(revert.args, subject);
}

const REGISTRY_ERROR_NAMES: ReadonlySet<string> = new Set(
  imageRegistryAbi.filter((item) => item.type === "error").map((item) => item.name),
);

export function isRegistryErrorName(name: string | undefined): name is RegistryErrorName {
  return name !== undefined && REGISTRY_ERROR_NAMES.has(name);
}
