// The offline verdict as a react-query query, keyed like the online one (identities, trust,
// name) plus the bundle and the trusted hash. It never touches the network, so it must also
// run when the browser says it is offline (networkMode "always": react-query would otherwise
// pause it on an air-gapped machine), and a failure is an answer, not a reason to retry.
import { queryOptions } from "@tanstack/react-query";
import type { Hex } from "viem";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import type { ProofBundle } from "../../proofs/proofBundle.ts";
import type { Trust } from "../../verdict/trust.ts";
import { verifyOffline } from "./offlineVerify.ts";
import { identityKey } from "./verificationQuery.ts";

export interface LoadedBundle {
  /** Distinguishes two loads of bundles (possibly the same file edited) in the query key. */
  loadId: number;
  fileName: string;
  bundle: ProofBundle;
}

export function offlineVerificationQuery(
  registryChain: RegistryChain,
  report: ArchiveReport,
  loaded: LoadedBundle,
  trustedBlockHash: Hex,
  trust: Trust,
  requestedName: string | null,
) {
  return queryOptions({
    queryKey: [
      "offline-verification",
      registryChain.chain.id,
      registryChain.registry,
      loaded.loadId,
      trustedBlockHash,
      identityKey(report),
      trust,
      requestedName,
    ],
    queryFn: () =>
      verifyOffline({ report, bundle: loaded.bundle, trustedBlockHash, registryChain, trust, requestedName }),
    networkMode: "always",
    retry: false,
    staleTime: Infinity,
  });
}
