import { type Address, keccak256, stringToBytes } from "viem";
import { getBlockNumber, getLogs } from "viem/actions";
import { withAppErrors } from "../errors.ts";
import { publishedEvent } from "../hydrateReleases.ts";
import type { ReadClient } from "../readClient.ts";
import { deployedOnBlockOf, type RegistryRef, registryAddressOf } from "../registryRef.ts";
import { type ScanGap, type ScanOptions, scanRanges } from "../scanRanges.ts";

/** One publisher's releases of one exact name. */
export interface NameClaim {
  /** The name exactly as published. */
  name: string;
  publisher: Address;
  /** Oldest first. */
  releaseIds: bigint[];
  firstBlock: bigint;
  lastBlock: bigint;
}

export interface NameClaims {
  /** The names searched, exactly as given. */
  names: string[];
  /** Every (name, publisher) pair found, ordered by first release. */
  claims: NameClaim[];
  fromBlock: bigint;
  toBlock: bigint;
  /** True only when every block from fromBlock to toBlock was scanned. */
  complete: boolean;
  /** Ranges that could not be read (with why); claims published there are missing. */
  gaps: ScanGap[];
}

export interface FindNameClaimsOptions extends ScanOptions {
  /** Default: the registry's deployment block when the RegistryRef carries it, else 0. */
  fromBlock?: bigint;
  /** Default: the chain's head when the scan starts. */
  toBlock?: bigint;
}

/**
 * Every publisher who published exactly this name (or any of these names): the `Published`
 * logs filtered by the indexed nameHash, read in chunks that adapt to the RPC's limits (see
 * scanRanges.ts). Anyone can publish any name, so this is how a page shows that a name is
 * contested. Names are compared byte for byte: pass every spelling you care about.
 */
export async function findNameClaims(
  client: ReadClient,
  registryRef: RegistryRef,
  name: string | readonly string[],
  options: FindNameClaimsOptions = {},
): Promise<NameClaims> {
  const registry = registryAddressOf(registryRef);
  const names = [...new Set(typeof name === "string" ? [name] : name)];
  return withAppErrors(
    async () => {
      const fromBlock = options.fromBlock ?? deployedOnBlockOf(registryRef);
      const toBlock = options.toBlock ?? (await getBlockNumber(client, { cacheTime: 0 }));
      if (names.length === 0) return { names, claims: [], fromBlock, toBlock, complete: true, gaps: [] };
      const nameHash = names.map((n) => keccak256(stringToBytes(n)));
      const { items, gaps } = await scanRanges(
        { fromBlock, toBlock },
        (chunk) =>
          getLogs(client, { address: registry, event: publishedEvent, args: { nameHash }, ...chunk, strict: true }),
        options,
      );
      const claims = new Map<string, NameClaim>();
      const ordered = [...items].sort((a, b) =>
        a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
      );
      for (const log of ordered) {
        const key = `${log.args.publisher.toLowerCase()} ${log.args.name}`;
        const claim = claims.get(key);
        if (claim === undefined) {
          claims.set(key, {
            name: log.args.name,
            publisher: log.args.publisher,
            releaseIds: [log.args.id],
            firstBlock: log.blockNumber,
            lastBlock: log.blockNumber,
          });
        } else {
          claim.releaseIds.push(log.args.id);
          claim.lastBlock = log.blockNumber;
        }
      }
      return { names, claims: [...claims.values()], fromBlock, toBlock, complete: gaps.length === 0, gaps };
    },
    { registry, chainId: client.chain?.id },
  );
}
