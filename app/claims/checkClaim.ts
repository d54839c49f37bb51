// Checks a publisher's claim where it lives, now: read the signed document from the location
// the publisher recorded on chain, find the publisher's claim for exactly that scope, for this
// registry on this chain, and verify its EIP-712 signature (an EOA's, or an EIP-1271 contract
// account's, through viem's verifyTypedData on the chain). Never rejects: every way it can
// fail is a failed check with its reason and a sentence, and only "proven" may count as trust.
import { type Address, getAddress, isAddressEqual } from "viem";
import { getCode, verifyTypedData } from "viem/actions";
import { getClaims, type RecordedClaim } from "../chain/actions/getClaims.ts";
import { toAppError } from "../chain/errors.ts";
import { formatUnixTime } from "../chain/formatTime.ts";
import { mapLimit } from "../chain/mapLimit.ts";
import type { ReadClient } from "../chain/readClient.ts";
import type { Digest } from "../image/digest.ts";
import type { RegistryClient } from "../registry/client.ts";
import type { RegistryErrorCode } from "../registry/errors.ts";
import { CLAIM_TAG, readClaimArtifact } from "./claimArtifact.ts";
import type { ClaimCheck, ClaimFailure, ClaimLocation } from "./claimCheck.ts";
import { parseClaimDocument, type SignedClaim } from "./claimDocument.ts";
import { ClaimError } from "./claimError.ts";
import { parseClaimLocation } from "./claimLocation.ts";
import { claimTypedData } from "./claimTypedData.ts";
import { fetchWellKnown } from "./wellKnown.ts";

export interface ClaimCheckDeps {
  /** The registry's chain: claimsOf, and EIP-1271 accounts' isValidSignature. */
  client: ReadClient;
  registry: Address;
  chainId: number;
  /** Reads repository artifacts (anonymously in the page; with docker's credentials in the CLI). */
  registryClient: Pick<RegistryClient, "getManifest" | "getBlob">;
  /** Fetches well-known files; default the global fetch. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
  inBrowser?: boolean;
  /** Unix seconds; default the clock. */
  now?: () => number;
}

/** How many claims are fetched at once (a publisher has at most 32). */
const CLAIM_CONCURRENCY = 4;

const REGISTRY_FAILURES: Record<RegistryErrorCode, ClaimFailure> = {
  "not-found": "gone",
  unauthorized: "unauthorized",
  forbidden: "unauthorized",
  "browser-blocked": "browser-blocked",
  unreachable: "unreachable",
  "rate-limited": "unreachable",
  aborted: "unreachable",
  "bad-response": "unreachable",
  "digest-mismatch": "malformed",
  "too-large": "malformed",
  unsupported: "malformed",
  "bad-reference": "malformed",
};

interface Fetched {
  where: string;
  url: string;
  artifactDigest: Digest | null;
  claims: SignedClaim[];
}

function failureOf(error: unknown, location: ClaimLocation): ClaimError {
  if (error instanceof ClaimError) return error;
  const { name, code, message } = error as { name?: string; code?: RegistryErrorCode; message?: string };
  if (name === "RegistryError" && code !== undefined && code in REGISTRY_FAILURES) {
    const reason = REGISTRY_FAILURES[code];
    const text =
      reason === "gone"
        ? `The claim artifact ${location.scope}:${CLAIM_TAG} is gone: ${message}`
        : (message ?? String(error));
    return new ClaimError(reason, text, error);
  }
  return new ClaimError(
    "unreachable",
    `Could not read the claim at ${location.location}: ${message ?? String(error)}`,
    error,
  );
}

async function fetchDocument(deps: ClaimCheckDeps, location: ClaimLocation): Promise<Fetched> {
  if (location.kind === "repository") {
    const slash = location.scope.indexOf("/");
    const repository = { domain: location.scope.slice(0, slash), path: location.scope.slice(slash + 1) };
    const artifact = await readClaimArtifact(deps.registryClient, repository);
    const where = `the claim artifact ${location.scope}@${artifact.manifestDigest}`;
    return {
      where,
      url: artifact.url,
      artifactDigest: artifact.manifestDigest,
      claims: parseClaimDocument(artifact.document, where).claims,
    };
  }
  const options = {
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.inBrowser === undefined ? {} : { inBrowser: deps.inBrowser }),
  };
  const { url, bytes } = await fetchWellKnown(location, options);
  return { where: url, url, artifactDigest: null, claims: parseClaimDocument(bytes, url).claims };
}

async function signedBy(deps: ClaimCheckDeps, claim: SignedClaim): Promise<boolean> {
  try {
    const valid = await verifyTypedData(deps.client, {
      address: claim.publisher,
      signature: claim.signature,
      ...claimTypedData(claim.chainId, claim.registry, claim.publisher, claim.scope),
    });
    // viem answers false also when its eth_call failed (an RPC outage reads as "not valid"): a
    // refusal counts only when the chain answers, so a contract account is never called forged
    // because the RPC was down.
    if (!valid) await getCode(deps.client, { address: claim.publisher });
    return valid;
  } catch (error) {
    throw new ClaimError(
      "unreachable",
      `The chain could not be asked whether ${claim.publisher} signed the claim: ${toAppError(error).message}`,
      error,
    );
  }
}

/** Why none of the document's claims is the publisher's valid one for this scope, registry and chain; null when one is. */
async function judge(
  deps: ClaimCheckDeps,
  publisher: Address,
  location: ClaimLocation,
  fetched: Fetched,
): Promise<ClaimError | null> {
  const { where } = fetched;
  const mine = fetched.claims.filter((claim) => isAddressEqual(claim.publisher, publisher));
  const here = mine.filter((claim) => claim.scope === location.scope);
  if (here.length === 0) {
    const elsewhere =
      mine.length === 0
        ? ""
        : ` (only for ${mine.map((claim) => claim.scope).join(", ")}: a claim counts only where its scope lives)`;
    return new ClaimError(
      "no-claim-for-publisher",
      `${where} holds no claim by ${publisher} for ${location.scope}${elsewhere}. The publisher must put its signed claim there.`,
    );
  }
  const onChain = here.filter((claim) => claim.chainId === deps.chainId);
  if (onChain.length === 0) {
    return new ClaimError(
      "other-chain",
      `${where} holds ${publisher}'s claim for chain ${here.map((claim) => claim.chainId).join(", ")}, not chain ${deps.chainId}, where this registry is. The publisher must sign one for chain ${deps.chainId}.`,
    );
  }
  const forRegistry = onChain.filter((claim) => isAddressEqual(claim.registry, deps.registry));
  if (forRegistry.length === 0) {
    return new ClaimError(
      "other-registry",
      `${where} holds ${publisher}'s claim for the registry ${onChain.map((claim) => claim.registry).join(", ")}, not ${getAddress(deps.registry)}. The publisher must sign one for this registry.`,
    );
  }
  for (const claim of forRegistry) if (await signedBy(deps, claim)) return null;
  return new ClaimError(
    "signature",
    `The signature on ${publisher}'s claim for ${location.scope} in ${where} is not ${publisher}'s: the document was altered or signed by another key. It proves nothing.`,
  );
}

function fallbackLocation(location: string): ClaimLocation {
  return { kind: location.startsWith("oci://") ? "repository" : "domain", scope: location, location };
}

export async function checkClaim(
  deps: ClaimCheckDeps,
  publisher: Address,
  claim: { location: string; withdrawnAt: number | null },
): Promise<ClaimCheck> {
  const checkedAt = deps.now?.() ?? Math.floor(Date.now() / 1000);
  let location = fallbackLocation(claim.location);
  const failed = (error: ClaimError): ClaimCheck => ({
    status: "failed",
    publisher,
    location,
    reason: error.reason,
    message: error.message,
    checkedAt,
  });
  if (claim.withdrawnAt !== null) {
    try {
      location = parseClaimLocation(claim.location);
    } catch {
      // Withdrawn is the answer either way; the location is shown as recorded.
    }
    return failed(
      new ClaimError(
        "withdrawn",
        `${publisher} withdrew its claim of ${location.scope} on ${formatUnixTime(claim.withdrawnAt)}.`,
      ),
    );
  }
  try {
    location = parseClaimLocation(claim.location);
    const fetched = await fetchDocument(deps, location);
    const refusal = await judge(deps, publisher, location, fetched);
    if (refusal !== null) return failed(refusal);
    return {
      status: "proven",
      publisher,
      location,
      evidence: { url: fetched.url, artifactDigest: fetched.artifactDigest },
      checkedAt,
    };
  } catch (error) {
    return failed(failureOf(error, location));
  }
}

/**
 * Reads the publisher's claims on chain (one call) and checks each one not withdrawn, a few at a
 * time. Rejects only when the chain cannot be read (an AppError); each check itself never does.
 * With `only`, a claim whose location does not parse or is not wanted is left out unfetched: a
 * location is the publisher's choice, and fetching it tells its host who is verifying.
 */
export async function checkPublisherClaims(
  deps: ClaimCheckDeps,
  publisher: Address,
  only?: (location: ClaimLocation) => boolean,
): Promise<ClaimCheck[]> {
  const recorded: RecordedClaim[] = await getClaims(deps.client, deps.registry, publisher);
  const wanted = (claim: RecordedClaim) => {
    if (only === undefined) return true;
    try {
      return only(parseClaimLocation(claim.location));
    } catch {
      return false;
    }
  };
  const live = recorded.filter((claim) => claim.withdrawnAt === null && wanted(claim));
  return mapLimit(live, CLAIM_CONCURRENCY, (claim) => checkClaim(deps, publisher, claim));
}
