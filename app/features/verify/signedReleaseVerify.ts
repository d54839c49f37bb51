// The verdict from an archive's report and a signed-release file alone, with no network: the
// release was never submitted, so only its EIP-712 signature vouches for it (a key's; a contract
// account's or a delegate's needs the chain). The same decideVerdict as online decides; the page
// says that a revocation or a cancellation cannot be known.
import { queryOptions } from "@tanstack/react-query";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { evidenceFromSignedRelease } from "../../proofs/signedReleaseEvidence.ts";
import { decideVerdict } from "../../verdict/decideVerdict.ts";
import type { Trust } from "../../verdict/trust.ts";
import type { LoadedSignedRelease } from "./useSignedReleaseFile.ts";
import { identityKey } from "./verificationQuery.ts";

export function signedReleaseVerificationQuery(
  registryChain: Pick<RegistryChain, "registry"> & { chain: { id: number } },
  report: ArchiveReport,
  loaded: LoadedSignedRelease,
  trust: Trust,
  requestedName: string | null,
) {
  return queryOptions({
    queryKey: [
      "signed-release-verification",
      registryChain.chain.id,
      registryChain.registry,
      loaded.loadId,
      identityKey(report),
      trust,
      requestedName,
    ],
    queryFn: async () => {
      const evidence = await evidenceFromSignedRelease(loaded.signed, {
        chainId: registryChain.chain.id,
        registry: registryChain.registry,
        now: Math.floor(Date.now() / 1000),
      });
      return decideVerdict({ report, evidence, trust, requestedName });
    },
    // Nothing here touches the network: it must also run when the browser says it is offline.
    networkMode: "always",
    retry: false,
    staleTime: Infinity,
  });
}
