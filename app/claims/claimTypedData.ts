// The EIP-712 message a publisher signs to say "I control <scope>", in the registry's own domain
// (app/chain/releaseTypedData.ts: name ImageSeal, version 2, the chain and the registry's
// address), so a claim made for one registry or chain is void on another. A wallet shows the
// two fields by these names in its signing prompt.
import type { Address } from "viem";
import { releaseDomain } from "../chain/releaseTypedData.ts";

const claimTypes = {
  ControlClaim: [
    { name: "publisher", type: "address" },
    { name: "scope", type: "string" },
  ],
} as const;

/** The argument for viem's signTypedData and verifyTypedData. */
export function claimTypedData(chainId: number, registry: Address, publisher: Address, scope: string) {
  return {
    domain: releaseDomain(chainId, registry),
    types: claimTypes,
    primaryType: "ControlClaim",
    message: { publisher, scope },
  } as const;
}
