// The "Download proof bundle" action next to an online verdict: a bundle at the latest block
// for the publishers the user trusts, the archive's digests and the name asked for — exactly
// what the offline verification of the same archive, with the same trust, will read.
import { useMutation } from "@tanstack/react-query";
import { publicClientFor } from "../../chain/publicClient.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { makeProofBundle } from "../../proofs/makeProofBundle.ts";
import { type ProofBundle, serializeProofBundle } from "../../proofs/proofBundle.ts";
import { downloadText } from "../../ui/downloadText.ts";
import { digestsOf, targetsOf } from "../../verdict/targets.ts";
import { type Trust, trustedPublishers } from "../../verdict/trust.ts";

interface BundleRequest {
  registryChain: RegistryChain;
  report: ArchiveReport;
  trust: Trust;
  requestedName: string | null;
}

export function bundleFileName(archiveName: string): string {
  return `${archiveName}.proof.json`;
}

export async function makeBundleFor({
  registryChain,
  report,
  trust,
  requestedName,
}: BundleRequest): Promise<ProofBundle> {
  return makeProofBundle({
    client: publicClientFor(registryChain),
    registry: registryChain.registry,
    publishers: trustedPublishers(trust),
    digests: [...new Set(targetsOf(report).flatMap(digestsOf))],
    names: requestedName === null ? [] : [requestedName],
  });
}

/** Makes the bundle, then saves it as `<archive>.proof.json`; the mutation's data is the bundle (for its block). */
export function useProofBundleDownload(archiveName: string) {
  return useMutation({
    mutationFn: async (request: BundleRequest) => {
      const bundle = await makeBundleFor(request);
      downloadText(bundleFileName(archiveName), serializeProofBundle(bundle));
      return bundle;
    },
  });
}
