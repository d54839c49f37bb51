// How many releases by anyone name each digest: `releasesByDigest(digest, 0, 0)` returns the
// list's length and no entries, one eth_call whatever the length. (getReleasesByDigestPage
// cannot ask for 0 entries: its page size is at least 1, and a page costs a log read.)
import { readContract } from "viem/actions";
import { digestToBytes32 } from "../chain/digests.ts";
import { withAppErrors } from "../chain/errors.ts";
import { imageRegistryAbi } from "../chain/generated/imageRegistryAbi.ts";
import { mapLimit, RPC_CONCURRENCY } from "../chain/mapLimit.ts";
import type { ReadClient } from "../chain/readClient.ts";
import { type RegistryRef, registryAddressOf } from "../chain/registryRef.ts";
import type { Digest } from "../image/digest.ts";
import type { DigestTotal } from "./verdict.ts";

export async function readDigestTotals(
  client: ReadClient,
  registryRef: RegistryRef,
  digests: readonly Digest[],
): Promise<DigestTotal[]> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    () =>
      mapLimit(digests, RPC_CONCURRENCY, async (digest) => {
        const [, total] = await readContract(client, {
          address: registry,
          abi: imageRegistryAbi,
          functionName: "releasesByDigest",
          args: [digestToBytes32(digest), 0n, 0n],
        });
        return { digest, total: Number(total) };
      }),
    { registry, chainId: client.chain?.id },
  );
}
