import { getAbiItem } from "viem";
import { getLogs } from "viem/actions";
import { blocksAtTimestamp } from "../blocksAtTimestamp.ts";
import { MissingLogError, withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { ReadClient } from "../readClient.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import type { Release, Revocation } from "../release.ts";
import { formatReleaseId } from "../releaseId.ts";

const revokedEvent = getAbiItem({ abi: imageRegistryAbi, name: "Revoked" });

/**
 * Why, when and in which transaction a release was revoked; null when it is valid. The reason
 * lives only in the `Revoked` log, whose block is found from `revokedAt` by searching block
 * timestamps (see blocksAtTimestamp.ts), never by scanning a long range of logs.
 */
export async function getRevocation(
  client: ReadClient,
  registryRef: RegistryRef,
  release: Pick<Release, "id" | "revokedAt" | "blockNumber">,
): Promise<Revocation | null> {
  if (release.revokedAt === null) return null;
  const revokedAt = release.revokedAt;
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    async () => {
      const range = await blocksAtTimestamp(client, BigInt(revokedAt), release.blockNumber);
      const logs =
        range === null
          ? []
          : await getLogs(client, {
              address: registry,
              event: revokedEvent,
              args: { id: release.id },
              ...range,
              strict: true,
            });
      const log = logs[0];
      if (log === undefined)
        throw new MissingLogError(
          `Revoked log for release ${formatReleaseId(release.id)} (revoked at timestamp ${revokedAt})`,
        );
      return {
        releaseId: release.id,
        reason: log.args.reason,
        revokedAt,
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
      };
    },
    { registry, chainId: client.chain?.id },
  );
}
